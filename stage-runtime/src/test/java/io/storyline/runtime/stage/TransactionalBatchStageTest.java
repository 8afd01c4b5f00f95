package io.storyline.runtime.stage;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storyline.events.EventHeaders;
import io.storyline.events.Topic;
import io.storyline.runtime.observability.PipelineMetrics;
import io.storyline.testing.kafka.KafkaBrokerResource;
import io.storyline.testing.kafka.TestKafka;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link TransactionalBatchStage} over the real test broker, in both shapes (steps inside the transaction, as dedupe;
 * steps in parallel before it, as nlp): outputs and offsets commit together, a dead letter is the original record with
 * the {@code dead-letter-*} headers, and a step that throws mid-batch aborts the batch, which is consumed again and
 * leaves nothing a {@code read_committed} reader sees.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class TransactionalBatchStageTest {

    enum Shape {
        SEQUENTIAL(SequentialTestStage.NAME, SequentialTestStage.IN, SequentialTestStage.OUT, true),
        PARALLEL(ParallelTestStage.NAME, ParallelTestStage.IN, ParallelTestStage.OUT, false);

        final String stage;
        final Topic in;
        final Topic out;
        /** Whether outputs of records before the failing one reach the broker (in the aborted transaction). */
        final boolean writesBeforeAbort;

        Shape(String stage, Topic in, Topic out, boolean writesBeforeAbort) {
            this.stage = stage;
            this.in = in;
            this.out = out;
            this.writesBeforeAbort = writesBeforeAbort;
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaProducer<String, byte[]> producer;
    private static Admin admin;

    @Inject
    TestStep step;

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void connect() {
        String bootstrap = TestKafka.bootstrapServers();
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "stage-test-producer-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    @AfterAll
    static void disconnect() {
        producer.close();
        admin.close();
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void outputsAndOffsetsCommitTogetherInInputOrder(Shape shape) throws Exception {
        String key = "run-" + UUID.randomUUID();
        List<String> texts = IntStream.range(0, 5).mapToObj(i -> key + "-" + i).toList();
        double outBefore = count(PipelineMetrics.RECORDS_OUT, shape.out);
        List<RecordMetadata> sent = send(shape.in, key, texts.stream().map(t -> "emit:" + t).toList());

        try (TopicReader committed = new TopicReader(shape.out, "read_committed")) {
            List<ConsumerRecord<String, byte[]>> outputs = await().atMost(WAIT)
                    .until(() -> committed.withKey(key), records -> records.size() >= texts.size());
            assertThat(outputs).extracting(TransactionalBatchStageTest::text).containsExactlyElementsOf(texts);
            assertThat(outputs).allSatisfy(r -> assertThat(header(r, EventHeaders.TRACE_ID)).isEqualTo(key));
        }
        // only the transaction commits the group's offsets (commit-strategy=ignore): past the last record sent
        RecordMetadata last = sent.get(sent.size() - 1);
        await().atMost(WAIT).until(() -> committedOffset(shape, last), offset -> offset == last.offset() + 1);
        assertThat(count(PipelineMetrics.RECORDS_OUT, shape.out) - outBefore).isGreaterThanOrEqualTo(texts.size());
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void deadLetterIsTheOriginalRecordWithWhyAndWhereInItsHeaders(Shape shape) throws Exception {
        String key = "run-" + UUID.randomUUID();
        double failedBefore = count(PipelineMetrics.RECORDS_FAILED, shape.in);
        String payload = "dead:" + key;
        RecordMetadata sent = send(shape.in, key, List.of(payload)).get(0);
        String untraced = "untraced-" + key;
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(shape.in.topicName(), untraced, ("dead:" + untraced).getBytes(StandardCharsets.UTF_8)));
        producer.commitTransaction();

        try (TopicReader deadLetters = new TopicReader(Topic.DEADLETTER, "read_committed")) {
            ConsumerRecord<String, byte[]> dead = await().atMost(WAIT)
                    .until(() -> deadLetters.withKey(key), records -> !records.isEmpty()).get(0);
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(payload);
            assertThat(header(dead, EventHeaders.DLQ_REASON)).isEqualTo("refused: " + key);
            assertThat(header(dead, EventHeaders.DLQ_CODE)).isEqualTo(TestStep.REFUSED);
            assertThat(header(dead, EventHeaders.DLQ_CAUSE)).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(header(dead, EventHeaders.DLQ_STAGE)).isEqualTo(shape.stage);
            assertThat(header(dead, EventHeaders.DLQ_TOPIC)).isEqualTo(shape.in.topicName());
            assertThat(header(dead, EventHeaders.DLQ_PARTITION)).isEqualTo(Integer.toString(sent.partition()));
            assertThat(header(dead, EventHeaders.DLQ_OFFSET)).isEqualTo(Long.toString(sent.offset()));
            assertThat(header(dead, EventHeaders.TRACE_ID)).as("copied from the input").isEqualTo(key);
            assertThat(header(dead, EventHeaders.INGESTED_AT)).as("copied from the input").isEqualTo("1618300800000");

            ConsumerRecord<String, byte[]> withoutId = await().atMost(WAIT)
                    .until(() -> deadLetters.withKey(untraced), records -> !records.isEmpty()).get(0);
            assertThat(header(withoutId, EventHeaders.TRACE_ID)).as("the OpenTelemetry trace id stands in").matches("[0-9a-f]{32}");
            assertThat(header(withoutId, EventHeaders.INGESTED_AT)).isNull();
        }
        assertThat(count(PipelineMetrics.RECORDS_FAILED, shape.in) - failedBefore).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void stepThatThrowsAbortsTheBatchWhichIsConsumedAgainAndLeavesNothingCommittedTwice(Shape shape) throws Exception {
        String key = "run-" + UUID.randomUUID();
        String before = key + "-before";
        String failing = key + "-failing";
        String after = key + "-after";
        // one producer transaction on one partition: the three become readable at once, so they arrive in one batch
        List<RecordMetadata> sent = send(shape.in, key, List.of("emit:" + before, "throw-once:" + failing, "emit:" + after));

        try (TopicReader committed = new TopicReader(shape.out, "read_committed")) {
            await().atMost(WAIT).until(() -> committed.withKey(key), records -> records.size() >= 3);
            RecordMetadata last = sent.get(sent.size() - 1);
            await().atMost(WAIT).until(() -> committedOffset(shape, last), offset -> offset == last.offset() + 1);
            assertThat(committed.withKey(key)).as("each output once, in input order")
                    .extracting(TransactionalBatchStageTest::text).containsExactly(before, failing, after);
        }
        assertThat(step.attempts("throw-once:" + failing)).as("thrown once, then done in the batch consumed again").isEqualTo(2);
        assertThat(step.attempts("emit:" + before)).as("the record before it was consumed again with it").isEqualTo(2);
        try (TopicReader uncommitted = new TopicReader(shape.out, "read_uncommitted")) {
            // the aborted transaction's write of the first record is in the log, but no read_committed reader saw it
            long copies = await().atMost(WAIT).until(() -> uncommitted.withKey(key).stream().filter(r -> text(r).equals(before)).count(),
                    n -> n >= (shape.writesBeforeAbort ? 2 : 1));
            assertThat(copies).isEqualTo(shape.writesBeforeAbort ? 2 : 1);
        }
    }

    private List<RecordMetadata> send(Topic topic, String key, List<String> values) throws Exception {
        producer.beginTransaction();
        List<java.util.concurrent.Future<RecordMetadata>> futures = new ArrayList<>();
        for (String value : values) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.topicName(), key, value.getBytes(StandardCharsets.UTF_8));
            record.headers().add(EventHeaders.TRACE_ID, key.getBytes(StandardCharsets.UTF_8));
            record.headers().add(EventHeaders.INGESTED_AT, "1618300800000".getBytes(StandardCharsets.UTF_8));
            futures.add(producer.send(record));
        }
        producer.commitTransaction();
        List<RecordMetadata> sent = new ArrayList<>();
        for (var future : futures) {
            sent.add(future.get(30, TimeUnit.SECONDS));
        }
        return sent;
    }

    private long committedOffset(Shape shape, RecordMetadata record) throws Exception {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets(shape.stage).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS).get(partition);
        return offset == null ? -1 : offset.offset();
    }

    private double count(String meter, Topic topic) {
        return registry.find(meter).tag("topic", topic.topicName()).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Reads a whole topic from the beginning at one isolation level, keeping what it has read between calls. */
    private static final class TopicReader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();

        TopicReader(Topic topic, String isolation) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = IntStream.range(0, topic.partitions())
                    .mapToObj(p -> new TopicPartition(topic.topicName(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Everything read so far with this key, after one more poll. */
        List<ConsumerRecord<String, byte[]>> withKey(String key) {
            consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            return read.stream().filter(r -> key.equals(r.key())).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
