package io.storyline.ingest.intake;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storyline.events.Article;
import io.storyline.events.EventJson;
import io.storyline.events.IngestChannel;
import io.storyline.events.Topic;
import io.storyline.ingest.article.ArticleNormaliser;
import io.storyline.ingest.article.ArticleSubmission;
import io.storyline.ingest.article.RevisionLedger;
import io.storyline.runtime.observability.PipelineMetrics;
import io.storyline.testing.kafka.KafkaBrokerResource;
import io.storyline.testing.kafka.TestKafka;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two ingest replicas on one real broker. Replica one is this Quarkus application (HTTP, its ArticlePublisher, its
 * LedgerRecovery following news.articles.raw). Replica two is a second, independent set of the same parts, built
 * outside CDI: its own ArticleIntake, RevisionLedger and LedgerFollower (its own consumer), publishing through a
 * Kafka producer of its own. Neither shares memory with the other; all they share is the topic.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class TwoReplicasTest {

    private static final String TOPIC = Topic.ARTICLES_RAW.topicName();

    @Inject
    LedgerRecovery one;

    @Inject
    IngestConfig config;

    private KafkaProducer<String, byte[]> producer;
    private LedgerFollower followerTwo;
    private ArticleIntake two;
    private RevisionLedger ledgerTwo;

    @BeforeEach
    void startReplicaTwo() {
        String bootstrap = TestKafka.bootstrapServers();
        producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
        IngestMetrics metrics = new IngestMetrics();
        metrics.registry = new SimpleMeterRegistry();
        metrics.pipeline = new PipelineMetrics(metrics.registry);
        ledgerTwo = new RevisionLedger(config.ledger().maxArticles(), config.ledger().retention());
        two = new ArticleIntake(new ArticleNormaliser(config.articleLimits()), ledgerTwo, this::publishFromTwo, metrics);
        followerTwo = new LedgerFollower(LedgerRecovery.consumer(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)),
                TOPIC, two::remember, millis -> { });
        followerTwo.recover(Duration.ofSeconds(30));
        followerTwo.start();
    }

    @AfterEach
    void stopReplicaTwo() {
        followerTwo.close();
        producer.close();
    }

    @Test
    void aResendToTheOtherReplicaIsADuplicateAndAChangedBodyTheNextRevision() {
        String url = "https://example.com/replicas/" + UUID.randomUUID();
        String v1 = "They talked.";
        String v2 = "They talked for an hour.";
        try (Raw raw = new Raw()) {
            String id = postToOne(url, v1, "accepted", 1);
            ConsumerRecord<String, byte[]> first = raw.next(id);
            await().atMost(Duration.ofSeconds(20)).until(() -> followerTwo.hasRead(first.partition(), first.offset()));

            IntakeResult resent = submitToTwo(url, v1);
            assertThat(resent.status()).isEqualTo(IntakeResult.Status.DUPLICATE);
            assertThat(resent.article().revision()).isEqualTo(1);

            IntakeResult changed = submitToTwo(url, v2);
            assertThat(changed.status()).isEqualTo(IntakeResult.Status.REVISION);
            assertThat(changed.article().revision()).isEqualTo(2);
            assertThat(changed.article().id()).isEqualTo(id);
            ConsumerRecord<String, byte[]> second = raw.next(id);
            await().atMost(Duration.ofSeconds(20)).until(() -> one.follower().hasRead(second.partition(), second.offset()));

            // back on replica one: it numbers on from replica two's revision
            postToOne(url, v2, "duplicate", 2);
            postToOne(url, v1, "revision", 3);

            List<Article> published = raw.untilEnd().stream().filter(r -> id.equals(r.key())).map(TwoReplicasTest::decode).toList();
            assertThat(published).extracting(Article::revision).containsExactly(1, 2, 3);
            assertThat(published).extracting(Article::text).containsExactly(v1, v2, v1);
        }
    }

    @Test
    void replicasThatRacedOnOneArticleAgreeAfterwardsWithWhatTheTopicHolds() throws Exception {
        // Within the follow lag both replicas may publish (the guarantee's limit, docs/topics.md): revision 1 twice,
        // which dedupe drops as a redelivery. Whatever the timing, once both have read the topic they agree.
        String url = "https://example.com/race/" + UUID.randomUUID();
        try (Raw raw = new Raw()) {
            CompletableFuture<String> fromOne = CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                    .body(json(url, "Same body.")).post("/articles").then().statusCode(202).extract().<String>path("status"));
            IntakeResult fromTwo = submitToTwo(url, "Same body.");
            List<String> statuses = List.of(fromOne.get(30, TimeUnit.SECONDS), fromTwo.status().code());
            String id = fromTwo.article().id();

            List<ConsumerRecord<String, byte[]>> mine = raw.untilEnd().stream().filter(r -> id.equals(r.key())).toList();
            assertThat(mine).hasSizeBetween(1, 2);
            assertThat(mine).extracting(r -> decode(r).revision()).containsOnly(1);
            assertThat(statuses).as("one publication per record").filteredOn("accepted"::equals).hasSize(mine.size());
            ConsumerRecord<String, byte[]> last = mine.get(mine.size() - 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> followerTwo.hasRead(last.partition(), last.offset())
                    && one.follower().hasRead(last.partition(), last.offset()));

            postToOne(url, "Same body.", "duplicate", 1);
            assertThat(submitToTwo(url, "Same body.").status()).isEqualTo(IntakeResult.Status.DUPLICATE);
            IntakeResult changed = submitToTwo(url, "A changed body.");
            assertThat(changed.status()).isEqualTo(IntakeResult.Status.REVISION);
            assertThat(changed.article().revision()).isEqualTo(2);
        }
    }

    @Test
    void replicasThatRacedWithDifferentBodiesAgreeOnTheFirstInTheTopic() throws Exception {
        String url = "https://example.com/race-bodies/" + UUID.randomUUID();
        try (Raw raw = new Raw()) {
            String id = postToOne(url, "The first version.", "accepted", 1);
            ConsumerRecord<String, byte[]> first = raw.next(id);
            await().atMost(Duration.ofSeconds(20)).until(() -> followerTwo.hasRead(first.partition(), first.offset()));

            CompletableFuture<Integer> fromOne = CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                    .body(json(url, "Changed on replica one.")).post("/articles").then().statusCode(202).extract().<Integer>path("revision"));
            IntakeResult fromTwo = submitToTwo(url, "Changed on replica two.");
            fromOne.get(30, TimeUnit.SECONDS);
            assertThat(fromTwo.status()).isEqualTo(IntakeResult.Status.REVISION);

            List<Article> all = raw.untilEnd().stream().filter(r -> id.equals(r.key())).map(TwoReplicasTest::decode).toList();
            assertThat(all).hasSize(3);
            assertThat(all.get(0).revision()).isEqualTo(1);
            assertThat(all.subList(1, 3)).extracting(Article::text).containsExactlyInAnyOrder("Changed on replica one.", "Changed on replica two.");
            ConsumerRecord<String, byte[]> last = raw.last(id);
            await().atMost(Duration.ofSeconds(20)).until(() -> followerTwo.hasRead(last.partition(), last.offset())
                    && one.follower().hasRead(last.partition(), last.offset()));

            // the one dedupe keeps: the highest revision, and of two with that revision the first in the topic
            int highest = all.stream().mapToInt(Article::revision).max().orElseThrow();
            Article firstOfHighest = all.stream().filter(a -> a.revision() == highest).findFirst().orElseThrow();
            postToOne(url, firstOfHighest.text(), "duplicate", firstOfHighest.revision());
            IntakeResult onTwo = submitToTwo(url, firstOfHighest.text());
            assertThat(onTwo.status()).isEqualTo(IntakeResult.Status.DUPLICATE);
            assertThat(onTwo.article().revision()).isEqualTo(firstOfHighest.revision());
        }
    }

    @Test
    void theFollowerIsPartOfReadinessAndMeasured() {
        String url = "https://example.com/measured/" + UUID.randomUUID();
        try (Raw raw = new Raw()) {
            String id = postToOne(url, "Counted.", "accepted", 1);
            ConsumerRecord<String, byte[]> record = raw.next(id);
            await().atMost(Duration.ofSeconds(20)).until(() -> one.follower().hasRead(record.partition(), record.offset()));
        }
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'revision-ledger' }.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == 'revision-ledger' }.data.state", org.hamcrest.Matchers.equalTo("following"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("(?m)^storyline_ingest_ledger_applied_total(\\{[^}]*\\})? [1-9]")
                .containsPattern("(?m)^storyline_ingest_ledger_lag(\\{[^}]*\\})? ")
                .containsPattern("(?m)^storyline_ingest_ledger_size(\\{[^}]*\\})? [1-9]")
                .containsPattern("(?m)^storyline_ingest_ledger_delay_seconds_count(\\{[^}]*\\})? [1-9]");
    }

    private static String json(String url, String body) {
        return "{\"url\":\"" + url + "\",\"title\":\"Leaders talk\",\"body\":\"" + body + "\",\"source\":\"Example\"}";
    }

    private static String postToOne(String url, String body, String status, int revision) {
        var response = given().contentType(ContentType.JSON).body(json(url, body)).post("/articles").then()
                .statusCode(202).extract();
        assertThat(response.<String>path("status")).as("replica one's answer").isEqualTo(status);
        assertThat(response.<Integer>path("revision")).as("replica one's revision").isEqualTo(revision);
        return response.path("id");
    }

    private IntakeResult submitToTwo(String url, String body) {
        var submission = new ArticleSubmission(url, "Leaders talk", body, ArticleSubmission.BodyFormat.DETECT, "Example",
                null, null, null, null, null);
        return two.submit(submission, IngestChannel.HTTP, UUID.randomUUID().toString()).orTimeout(30, TimeUnit.SECONDS).join();
    }

    private CompletableFuture<Void> publishFromTwo(Article article, String traceId, Instant ingestedAt) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        byte[] value;
        try {
            value = EventJson.mapper().writeValueAsBytes(article);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        producer.send(new ProducerRecord<>(TOPIC, article.id(), value), (metadata, failure) -> {
            if (failure != null) {
                acked.completeExceptionally(failure);
            } else {
                acked.complete(null);
            }
        });
        return acked;
    }

    private static Article decode(ConsumerRecord<String, byte[]> record) {
        try {
            return EventJson.mapper().readValue(record.value(), Article.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** news.articles.raw from its end offsets when created. */
    private static final class Raw implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
        private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        private final List<TopicPartition> partitions;
        private int taken;

        Raw() {
            partitions = consumer.partitionsFor(TOPIC).stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** The next record with this key after the last one taken. */
        ConsumerRecord<String, byte[]> next(String key) {
            return await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                for (int i = taken; i < seen.size(); i++) {
                    if (key.equals(seen.get(i).key())) {
                        taken = i + 1;
                        return seen.get(i);
                    }
                }
                return null;
            }, r -> r != null);
        }

        /** The last record seen with this key. */
        ConsumerRecord<String, byte[]> last(String key) {
            return seen.stream().filter(r -> key.equals(r.key())).reduce((a, b) -> b).orElseThrow();
        }

        /**
         * Everything written up to now: read until the end offsets of this moment. Every publication answered before
         * the call was acknowledged, so it lies below them; nothing is waited for by the clock.
         */
        List<ConsumerRecord<String, byte[]>> untilEnd() {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
