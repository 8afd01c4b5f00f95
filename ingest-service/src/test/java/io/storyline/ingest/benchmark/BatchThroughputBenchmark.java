package io.storyline.ingest.benchmark;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.storyline.events.Topic;
import io.storyline.testing.kafka.KafkaBrokerResource;
import io.storyline.testing.kafka.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sustained POST /articles/batch throughput through to Kafka (acks=all): several batches of realistic articles
 * (HTML bodies of ~2 KB), timed from the first request until every record is readable on news.articles.raw.
 * Not part of the normal test run:
 * {@code ./mvnw -o -pl ingest-service test -Dtest=BatchThroughputBenchmark -Dbenchmark=true [-Dbenchmark.batches=5 -Dbenchmark.lines=10000]}.
 * Prints one JSON object as its last line.
 */
@QuarkusTest
@Tag("benchmark")
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class BatchThroughputBenchmark {

    private static final String PARAGRAPH = "<p>US President Joseph Biden held a telephone conversation with his Russian counterpart Vladimir Putin. "
            + "The two presidents discussed regional and global issues, including strategic stability and arms control.</p>";

    @Test
    void sustainedBatchThroughput() {
        int batches = Integer.getInteger("benchmark.batches", 5);
        int lines = Integer.getInteger("benchmark.lines", 10_000);
        String run = UUID.randomUUID().toString();
        byte[][] bodies = new byte[batches + 1][];
        for (int b = 0; b <= batches; b++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < lines; i++) {
                String line = "{\"url\":\"https://bench.example.com/" + run + "/" + b + "/" + i + "\",\"title\":\"Article " + b + "-" + i
                        + "\",\"html\":\"" + PARAGRAPH.repeat(6) + "\",\"source\":\"bench\",\"published\":\"2021-04-13T18:30:00Z\"}\n";
                out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            }
            bodies[b] = out.toByteArray();
        }
        // Batch 0 warms up the JIT and the producer; it is not counted.
        post(bodies[0]);

        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(), ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(Topic.ARTICLES_RAW.topicName()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            long start = System.nanoTime();
            long bytes = 0;
            for (int b = 1; b <= batches; b++) {
                post(bodies[b]);
                bytes += bodies[b].length;
            }
            long answered = System.nanoTime();
            long expected = (long) batches * lines;
            long seen = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (seen < expected && System.nanoTime() < deadline) {
                seen += consumer.poll(Duration.ofMillis(100)).count();
            }
            long end = System.nanoTime();
            assertThat(seen).isEqualTo(expected);
            double seconds = (end - start) / 1e9;
            System.out.printf("{\"benchmark\":\"ingest-batch-throughput\",\"articles\":%d,\"batches\":%d,\"linesPerBatch\":%d,"
                            + "\"megabytes\":%.1f,\"seconds\":%.2f,\"articlesPerSecond\":%.0f,\"answeredAfterSeconds\":%.2f,\"cpus\":%d}%n",
                    expected, batches, lines, bytes / 1e6, seconds, expected / seconds, (answered - start) / 1e9,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static void post(byte[] body) {
        JsonPath report = given().contentType("application/x-ndjson").body(body).post("/articles/batch")
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("failed")).isZero();
        assertThat(report.getInt("rejected")).isZero();
    }
}
