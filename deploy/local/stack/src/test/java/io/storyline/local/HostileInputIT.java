package io.storyline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storyline.events.ClusteredArticle;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.EventHeaders;
import io.storyline.events.EventJson;
import io.storyline.events.TimeSource;
import io.storyline.events.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bad-input run: hostile records on both doors of the pipeline (ingest's HTTP API and the news.scraped
 * topic), interleaved with good articles, against the real services and broker. Every hostile record is refused
 * with a reason (problem+json, or news.deadletter with the reason and origin in headers) or, where a newsroom
 * would rather keep the article, accepted with the hostile part removed; the services stay up; the good articles
 * around them come out of the pipeline intact, exactly once.
 */
class HostileInputIT {

    private static final Path REPO = Path.of(System.getProperty("storyline.repo", "../../..")).toAbsolutePath().normalize();
    private static final String TEN_MB = "word ".repeat(2 * 1024 * 1024);
    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        Path data = Files.createTempDirectory("storyline-hostile-");
        stack = LocalStack.start(new StackOptions(REPO, data, 0, 0, 0, 0), step -> System.out.println("hostile: " + step));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** A refusal expected over HTTP: the status and the problem's {@code reason}. */
    private record HttpCase(String name, byte[] body, int status, String reason) {
    }

    /** A record expected on news.deadletter: its value and the {@code dead-letter-code} header. */
    private record KafkaCase(String name, byte[] value, String cause) {
    }

    @Test
    void hostileRecordsAreRefusedWithAReasonAndGoodArticlesAroundThemArriveIntact() throws Exception {
        List<ObjectNode> good = goodArticles();
        Map<String, ObjectNode> goodByUrl = new LinkedHashMap<>();
        good.forEach(a -> goodByUrl.put(a.get("url").asText(), a));

        List<HttpCase> httpCases = List.of(
                new HttpCase("broken JSON", utf8("{\"url\": \"https://hostile.example/1\", \"title\": \"Broken"), 400, "malformed-json"),
                new HttpCase("wrong types", json(article("https://hostile.example/2").set("title", EventJson.mapper().createObjectNode().put("a", 1))), 400, null),
                new HttpCase("published of the wrong type", json(article("https://hostile.example/3").put("published", true)), 400, null),
                new HttpCase("10 MB body", json(article("https://hostile.example/4").put("text", TEN_MB)), 413, "too-large"),
                new HttpCase("invalid UTF-8", invalidUtf8(article("https://hostile.example/5")), 400, "invalid-utf8"),
                new HttpCase("NUL bytes", json(article("https://hostile.example/6").put("text", "The minister\u0000 said\u0000 nothing\u0000.")), 400, "binary-content"),
                new HttpCase("control characters", json(article("https://hostile.example/7").put("text", "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000b\u000e\u000f\u0010")), 400, "binary-content"),
                new HttpCase("empty text", json(article("https://hostile.example/8").put("text", "   ")), 400, null),
                new HttpCase("javascript: URL", json(article("javascript:alert(1)")), 400, "url-scheme-not-allowed"));
        List<KafkaCase> kafkaCases = List.of(
                new KafkaCase("broken JSON", utf8("{\"url\": \"https://hostile.example/k1\", \"title\": "), "malformed-json"),
                new KafkaCase("wrong types", json(article("https://hostile.example/k2").put("published", true)), null),
                new KafkaCase("invalid UTF-8", invalidUtf8(article("https://hostile.example/k3")), "invalid-utf8"),
                new KafkaCase("NUL bytes", json(article("https://hostile.example/k4").put("title", "Title\u0000with NUL")), "binary-content"),
                new KafkaCase("control characters", json(article("https://hostile.example/k5").put("text", "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000b\u000e\u000f\u0010")), "binary-content"),
                new KafkaCase("empty text", json(article("https://hostile.example/k6").put("text", "")), null),
                new KafkaCase("empty record", new byte[0], null));

        // Accepted, with the hostile part taken out: markup in a title, impossible publication times.
        ObjectNode scriptTitle = article("https://sanitised.example/script").put("title", "Harbour bridge reopens <script>alert(1)</script> after the storm");
        ObjectNode futureDate = article("https://sanitised.example/future").put("published", "2999-01-01T00:00:00Z");
        ObjectNode ancientDate = article("https://sanitised.example/ancient").put("published", "1890-01-01T00:00:00Z");
        ObjectNode kafkaScriptTitle = article("https://sanitised.example/kafka-script").put("title", "<script>document.cookie</script>Floods close the valley road");

        Instant before = Instant.now();
        // HTTP: good, hostile ..., good, hostile ..., good
        List<ObjectNode> httpGood = good.subList(0, 3);
        postAccepted(httpGood.get(0));
        for (HttpCase c : httpCases.subList(0, 5)) {
            assertRefused(c);
        }
        postAccepted(httpGood.get(1));
        for (HttpCase c : httpCases.subList(5, httpCases.size())) {
            assertRefused(c);
        }
        JsonNode scriptReceipt = postAccepted(scriptTitle);
        assertThat(scriptReceipt.path("title").asText()).isEqualTo("Harbour bridge reopens after the storm");
        for (ObjectNode dated : List.of(futureDate, ancientDate)) {
            JsonNode receipt = postAccepted(dated);
            assertThat(receipt.path("publishedSource").asText()).as("publishedSource of %s", dated.get("url")).isEqualTo(TimeSource.RECEIVED.name());
            assertThat(Instant.parse(receipt.path("published").asText())).isAfterOrEqualTo(before.minusSeconds(1));
            assertThat(receipt.path("notes").toString()).contains("used the received time");
        }
        postAccepted(httpGood.get(2));
        // a batch mixing good and hostile lines: each line answered on its own
        JsonNode batch = postBatch(EventJson.mapper().writeValueAsString(good.get(3)) + "\n{not json\n"
                + EventJson.mapper().writeValueAsString(article("ftp://hostile.example/b2")) + "\n");
        assertThat(batch.path("accepted").asInt()).isEqualTo(1);
        assertThat(batch.path("rejected").asInt()).isEqualTo(2);
        assertThat(batch.path("results")).filteredOn(r -> r.path("status").asText().equals("rejected"))
                .allSatisfy(r -> assertThat(r.path("reason").asText()).isNotBlank());

        // news.scraped: good, hostile ..., good, hostile ...
        Map<String, RecordMetadata> sentHostile = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, "good-4", json(good.get(4)));
            for (KafkaCase c : kafkaCases.subList(0, 4)) {
                sentHostile.put(c.name(), send(producer, c.name(), c.value()));
            }
            send(producer, "sanitised", json(kafkaScriptTitle));
            send(producer, "good-5", json(good.get(5)));
            for (KafkaCase c : kafkaCases.subList(4, kafkaCases.size())) {
                sentHostile.put(c.name(), send(producer, c.name(), c.value()));
            }
            // A 10 MB record never reaches ingest: the broker itself refuses records over its 1 MiB limit.
            assertThatThrownBy(() -> send(producer, "10 MB", json(article("https://hostile.example/k-10mb").put("text", TEN_MB))))
                    .hasRootCauseInstanceOf(RecordTooLargeException.class);
        }

        // every hostile news.scraped record is on news.deadletter, unchanged, with reason and origin
        List<ConsumerRecord<String, byte[]>> deadLetters = awaitRecords(Topic.DEADLETTER,
                records -> records.stream().filter(r -> "ingest-service".equals(header(r, EventHeaders.DLQ_STAGE))).count() >= kafkaCases.size());
        for (KafkaCase c : kafkaCases) {
            ConsumerRecord<String, byte[]> letter = deadLetters.stream().filter(r -> c.name().equals(r.key())).findFirst()
                    .orElseThrow(() -> new AssertionError("no dead letter for " + c.name()));
            assertThat(letter.value()).as(c.name()).isEqualTo(c.value());
            assertThat(header(letter, EventHeaders.DLQ_REASON)).as(c.name()).isNotBlank();
            assertThat(header(letter, EventHeaders.DLQ_TOPIC)).isEqualTo("news.scraped");
            assertThat(header(letter, EventHeaders.DLQ_PARTITION)).isEqualTo(Integer.toString(sentHostile.get(c.name()).partition()));
            assertThat(header(letter, EventHeaders.DLQ_OFFSET)).isEqualTo(Long.toString(sentHostile.get(c.name()).offset()));
            if (c.cause() != null) {
                assertThat(header(letter, EventHeaders.DLQ_CODE)).as(c.name()).isEqualTo(c.cause());
            }
        }

        // good and sanitised articles come out of the pipeline intact, exactly once; nothing hostile does
        List<String> expectedUrls = new ArrayList<>(goodByUrl.keySet());
        Stream.of(scriptTitle, futureDate, ancientDate, kafkaScriptTitle).map(a -> a.get("url").asText()).forEach(expectedUrls::add);
        List<ConsumerRecord<String, byte[]>> clustered = awaitRecords(Topic.ARTICLES_CLUSTERED,
                records -> urls(records).containsAll(expectedUrls));
        assertThat(urls(clustered)).containsExactlyInAnyOrderElementsOf(expectedUrls);

        Map<String, EnrichedArticle> enriched = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(stack.bootstrapServers(), Topic.ARTICLES_ENRICHED)) {
            EnrichedArticle article = EventJson.mapper().readValue(record.value(), EnrichedArticle.class);
            enriched.put(article.article().url(), article);
        }
        for (ObjectNode sent : good) {
            EnrichedArticle out = enriched.get(sent.get("url").asText());
            assertThat(out).as("enriched %s", sent.get("url")).isNotNull();
            assertThat(out.article().title()).isEqualTo(sent.get("title").asText());
            assertThat(collapse(out.article().text())).isEqualTo(collapse(sent.get("text").asText()));
            assertThat(out.entities()).as("entities of %s", sent.get("url")).isNotEmpty();
        }
        assertThat(enriched.get("https://sanitised.example/kafka-script").article().title()).isEqualTo("Floods close the valley road");

        for (String service : List.of(LocalStack.INGEST, LocalStack.NLP, LocalStack.DEDUPE)) {
            assertThat(stack.isAlive(service)).as(service + " alive").isTrue();
            HttpResponse<String> ready = stack.http().send(HttpRequest.newBuilder(URI.create(stack.baseUrl(service) + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(service + " ready: " + ready.body()).isEqualTo(200);
        }
    }

    private static List<String> urls(List<ConsumerRecord<String, byte[]>> clustered) {
        return clustered.stream().map(r -> {
            try {
                return EventJson.mapper().readValue(r.value(), ClusteredArticle.class).url();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private static List<ObjectNode> goodArticles() throws IOException {
        List<ObjectNode> articles = new ArrayList<>();
        try (Stream<Path> files = Files.list(REPO.resolve("seeds"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                String name = file.getFileName().toString().substring(0, 3);
                articles.add(EventJson.mapper().createObjectNode()
                        .put("url", "https://good.example/" + name)
                        .put("title", "Seed article " + name + " as sent")
                        .put("text", prose(file))
                        .put("source", "good.example"));
            }
        }
        // a sixth, different article, so each door gets three good ones
        articles.add(EventJson.mapper().createObjectNode()
                .put("url", "https://good.example/harbour")
                .put("title", "Harbour authority reopens the port of Rotterdam after the storm")
                .put("text", "The port of Rotterdam reopened on Tuesday after a storm closed it for two days, the harbour "
                        + "authority said. Ships queued in the North Sea were guided in by pilots from the morning tide.\n\n"
                        + "Allard Castelein, the authority's chief executive, said damage to the quays was limited.")
                .put("source", "good.example")
                .put("published", "2021-04-13T08:00:00Z"));
        assertThat(articles).hasSize(6);
        return articles;
    }

    /** Four paragraphs of a seed's prose: its first line may be a headline and its end boilerplate, which ingest removes. */
    private static String prose(Path seed) throws IOException {
        return String.join("\n\n", Files.readAllLines(seed).stream().map(String::strip).filter(l -> !l.isEmpty())
                .skip(1).limit(4).toList());
    }

    private static ObjectNode article(String url) {
        return EventJson.mapper().createObjectNode()
                .put("url", url)
                .put("title", "Council approves the new tram line")
                .put("text", "The city council approved the new tram line on Monday by a large majority.")
                .put("source", "hostile.example");
    }

    private static byte[] json(ObjectNode node) {
        try {
            return EventJson.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The article's JSON with a lone continuation byte and an overlong encoding inside the title. */
    private static byte[] invalidUtf8(ObjectNode node) {
        byte[] valid = json(node.put("title", "Title XX with bad bytes"));
        String text = new String(valid, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("XX");
        valid[at] = (byte) 0x80;
        valid[at + 1] = (byte) 0xC0;
        return valid;
    }

    private static String collapse(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static JsonNode postAccepted(ObjectNode article) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/articles", "application/json", json(article));
        assertThat(response.statusCode()).as("POST %s: %s", article.get("url"), response.body()).isEqualTo(202);
        return EventJson.mapper().readTree(response.body());
    }

    private static void assertRefused(HttpCase c) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/articles", "application/json", c.body());
        assertThat(response.statusCode()).as("%s: %s", c.name(), response.body()).isEqualTo(c.status());
        assertThat(response.headers().firstValue("Content-Type")).as(c.name()).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = EventJson.mapper().readTree(response.body());
        assertThat(problem.path("detail").asText()).as(c.name()).isNotBlank();
        if (c.reason() != null) {
            assertThat(problem.path("reason").asText()).as(c.name()).isEqualTo(c.reason());
        } else {
            assertThat(problem.path("reason").asText()).as(c.name()).isNotBlank();
        }
    }

    private static JsonNode postBatch(String ndjson) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/articles/batch", "application/x-ndjson", utf8(ndjson));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return EventJson.mapper().readTree(response.body());
    }

    private static HttpResponse<String> post(String path, String type, byte[] body) throws IOException, InterruptedException {
        return stack.http().send(HttpRequest.newBuilder(URI.create(stack.ingestUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // let the oversized record reach the broker, so it is the broker that refuses it
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(16 * 1024 * 1024));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static RecordMetadata send(KafkaProducer<String, byte[]> producer, String key, byte[] value)
            throws ExecutionException, InterruptedException {
        return producer.send(new ProducerRecord<>(Topic.SCRAPED.topicName(), key, value)).get();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Reads the topic until {@code done} holds for what is there, or fails after three minutes. */
    private static List<ConsumerRecord<String, byte[]>> awaitRecords(Topic topic, Predicate<List<ConsumerRecord<String, byte[]>>> done)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(stack.bootstrapServers(), topic);
            if (done.test(records)) {
                return records;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(topic.topicName() + " did not reach the expected state; it has " + records.size() + " records");
            }
            Thread.sleep(500);
        }
    }
}
