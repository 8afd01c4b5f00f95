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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** After a restart the ledger is rebuilt from what is already on the raw topic (real broker, no Quarkus). */
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
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            long count = LedgerRecovery.replay(consumer, topic, Duration.ofSeconds(30), EventJson.mapper(), ledger::remember);
            assertThat(count).isEqualTo(3);
        }
        assertThat(ledger.claim("a", "h2").outcome()).isEqualTo(RevisionLedger.Outcome.DUPLICATE);
        assertThat(ledger.claim("b", "hb").outcome()).isEqualTo(RevisionLedger.Outcome.DUPLICATE);
        var changed = ledger.claim("a", "h3");
        assertThat(changed.outcome()).isEqualTo(RevisionLedger.Outcome.REVISION);
        assertThat(changed.revision()).isEqualTo(3);
    }

    private static Article article(String id, int revision, String hash) {
        Instant now = Instant.now();
        return new Article(id, revision, "https://e.com/" + id, "T", "x", "s", null, null, null, null, now, TimeSource.RECEIVED,
                now, hash, IngestChannel.HTTP);
    }
}
