package io.storyline.ingest.intake;

import io.storyline.events.Article;
import io.storyline.events.EventJson;
import io.storyline.events.IngestChannel;
import io.storyline.events.TimeSource;
import io.storyline.ingest.article.RevisionLedger;
import io.storyline.testing.kafka.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What following news.articles.raw costs a replica: the rate at which a LedgerFollower reads realistic articles
 * (bodies of ~4 KB, lz4 as ingest writes them) from the broker into a ledger, and the CPU time of reading one
 * record's id, revision and hash. Not part of the normal run:
 * {@code ./mvnw -o -pl ingest-service test -Dtest=LedgerFollowerBenchmark -Dbenchmark=true [-Dbenchmark.records=50000]}.
 * Prints one JSON object as its last line.
 */
@Tag("benchmark")
class LedgerFollowerBenchmark {

    @Test
    void followRate() throws Exception {
        int records = Integer.getInteger("benchmark.records", 50_000);
        String topic = "ledger-bench-" + UUID.randomUUID();
        String bootstrap = TestKafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        String text = ("US President Joseph Biden held a telephone conversation with his Russian counterpart Vladimir Putin. "
                + "The two presidents discussed regional and global issues, including strategic stability and arms control.\n\n").repeat(20);
        byte[] sample = null;
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                Instant now = Instant.now();
                Article a = new Article("id-" + i, 1, "https://e.com/" + i, "Leaders talk " + i, text + i, "Example", null, null,
                        null, null, now, TimeSource.RECEIVED, now, "hash-" + i, IngestChannel.HTTP);
                byte[] value = EventJson.mapper().writeValueAsBytes(a);
                sample = value;
                producer.send(new ProducerRecord<>(topic, a.id(), value));
            }
            producer.flush();
        }

        RevisionLedger ledger = new RevisionLedger(1_000_000, Duration.ofDays(7));
        long started = System.nanoTime();
        long applied;
        try (var follower = new LedgerFollower(LedgerRecovery.consumer(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)),
                topic, ledger::remember, millis -> { })) {
            applied = follower.recover(Duration.ofMinutes(5));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(applied).isEqualTo(records);

        byte[] value = sample;
        LedgerFollower.Revisions none = (id, hash, revision) -> { };
        for (int i = 0; i < 200_000; i++) {
            LedgerFollower.read(value, none);
        }
        int parses = 500_000;
        long parseStart = System.nanoTime();
        for (int i = 0; i < parses; i++) {
            LedgerFollower.read(value, none);
        }
        double microsPerRecord = (System.nanoTime() - parseStart) / 1e3 / parses;
        System.out.printf("{\"records\":%d,\"recordBytes\":%d,\"followSeconds\":%.2f,\"followRecordsPerSecond\":%.0f,"
                        + "\"followMiBPerSecond\":%.1f,\"readMicrosPerRecord\":%.2f}%n",
                records, value.length, seconds, records / seconds, records * (double) value.length / seconds / (1 << 20), microsPerRecord);
    }
}
