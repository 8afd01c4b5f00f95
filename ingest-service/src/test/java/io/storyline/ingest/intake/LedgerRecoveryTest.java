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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** After a restart the ledger is rebuilt from what is already on the raw topic, then follows it (real broker, no Quarkus). */
class LedgerRecoveryTest {

    @Test
    void replayedRevisionsMakeResendsDuplicatesAgain() throws Exception {
        String topic = "ledger-recovery-" + UUID.randomUUID();
        String bootstrap = TestKafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Article a : List.of(article("a", 1, "h1"), article("a", 2, "h2"), article("b", 1, "hb"))) {
                producer.send(new ProducerRecord<>(topic, a.id(), EventJson.mapper().writeValueAsBytes(a))).get();
            }
            producer.send(new ProducerRecord<>(topic, "junk", "not json".getBytes())).get();
        }
        RevisionLedger ledger = new RevisionLedger(1000, Duration.ofHours(1));
        try (var follower = new LedgerFollower(consumer(bootstrap), topic, ledger::remember, millis -> { })) {
            long count = follower.recover(Duration.ofSeconds(30));
            assertThat(count).isEqualTo(3);
        }
        assertThat(ledger.claim("a", "h2").outcome()).isEqualTo(RevisionLedger.Outcome.DUPLICATE);
        assertThat(ledger.claim("b", "hb").outcome()).isEqualTo(RevisionLedger.Outcome.DUPLICATE);
        var changed = ledger.claim("a", "h3");
        assertThat(changed.outcome()).isEqualTo(RevisionLedger.Outcome.REVISION);
        assertThat(changed.revision()).isEqualTo(3);
    }

    @Test
    void afterTheReplayTheFollowerAppliesWhatIsPublishedLater() throws Exception {
        String topic = "ledger-follow-" + UUID.randomUUID();
        String bootstrap = TestKafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        RevisionLedger ledger = new RevisionLedger(1000, Duration.ofHours(1));
        List<Long> delays = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer());
             var follower = new LedgerFollower(consumer(bootstrap), topic, ledger::remember, delays::add)) {
            producer.send(new ProducerRecord<>(topic, "a", EventJson.mapper().writeValueAsBytes(article("a", 1, "h1")))).get();
            assertThat(follower.recover(Duration.ofSeconds(30))).isEqualTo(1);
            follower.start();

            var second = producer.send(new ProducerRecord<>(topic, "a", EventJson.mapper().writeValueAsBytes(article("a", 2, "h2")))).get();
            producer.send(new ProducerRecord<>(topic, "junk", "not json".getBytes())).get();
            var third = producer.send(new ProducerRecord<>(topic, "c", EventJson.mapper().writeValueAsBytes(article("c", 1, "hc")))).get();
            await().atMost(Duration.ofSeconds(20)).until(() -> follower.hasRead(second.partition(), second.offset())
                    && follower.hasRead(third.partition(), third.offset()));

            assertThat(ledger.revisionOf("a")).isEqualTo(2);
            assertThat(ledger.revisionOf("c")).isEqualTo(1);
            assertThat(follower.applied()).isEqualTo(3);
            assertThat(delays).as("only records applied while following are timed").hasSize(2);
            assertThat(follower.following()).isTrue();
            assertThat(follower.failure()).isNull();
            await().atMost(Duration.ofSeconds(10)).until(() -> follower.lag() == 0);
        }
        assertThat(ledger.claim("a", "h2").outcome()).isEqualTo(RevisionLedger.Outcome.DUPLICATE);
    }

    @Test
    void readsOnlyIdRevisionAndHashInAnyOrder() {
        List<String> seen = new java.util.ArrayList<>();
        LedgerFollower.Revisions sink = (id, hash, revision) -> seen.add(id + "/" + hash + "/" + revision);
        String text = "x".repeat(200_000);
        assertThat(LedgerFollower.read(("{\"text\":\"" + text + "\",\"nested\":{\"id\":\"no\"},\"list\":[1,{\"revision\":9}],"
                + "\"contentHash\":\"h\",\"revision\":2,\"id\":\"a\"}").getBytes(), sink)).isTrue();
        assertThat(LedgerFollower.read("{\"id\":\"a\",\"revision\":0,\"contentHash\":\"h\"}".getBytes(), sink)).isFalse();
        assertThat(LedgerFollower.read("{\"id\":\"a\",\"revision\":1}".getBytes(), sink)).isFalse();
        assertThat(LedgerFollower.read("[1,2]".getBytes(), sink)).isFalse();
        assertThat(LedgerFollower.read("{\"id\":\"a\",\"revision\":1,\"contentHash\":\"h\"".getBytes(), sink)).isFalse();
        assertThat(LedgerFollower.read(null, sink)).isFalse();
        assertThat(seen).containsExactly("a/h/2");
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        return LedgerRecovery.consumer(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static Article article(String id, int revision, String hash) {
        Instant now = Instant.now();
        return new Article(id, revision, "https://e.com/" + id, "T", "x", "s", null, null, null, null, now, TimeSource.RECEIVED,
                now, hash, IngestChannel.HTTP);
    }
}
