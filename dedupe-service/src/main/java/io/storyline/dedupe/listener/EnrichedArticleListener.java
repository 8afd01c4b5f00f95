package io.storyline.dedupe.listener;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.smallrye.reactive.messaging.kafka.transactions.TransactionalEmitter;
import io.storyline.dedupe.ArticleClustering;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.EventHeaders;
import io.storyline.events.Story;
import io.storyline.events.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dedupe stage's Kafka edge. Exactly-once: each polled batch of enriched articles is decided and
 * its outputs (clustered records, story snapshots, dead letters) are written in one Kafka transaction
 * together with the batch's consumer offsets, so a crash anywhere leaves either all of it or none.
 */
@ApplicationScoped
public class EnrichedArticleListener {

    static final String STAGE = "dedupe-service";
    private static final Logger LOG = Logger.getLogger(EnrichedArticleListener.class);

    private final KafkaTransactions<byte[]> out;
    private final EnrichedArticleCodec codec;
    private final StoryDesks desks;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public EnrichedArticleListener(@Channel("dedupe-out") KafkaTransactions<byte[]> out, EnrichedArticleCodec codec, StoryDesks desks) {
        this.out = out;
        this.codec = codec;
        this.desks = desks;
    }

    @Incoming("articles-enriched")
    public Uni<Void> onBatch(KafkaRecordBatch<String, byte[]> batch) {
        return out.withTransactionAndAck(batch, emitter -> {
            // Within a batch a story may change many times; its last snapshot is all a reader of the compacted topic needs.
            Map<String, Story> changed = new LinkedHashMap<>();
            for (KafkaRecord<String, byte[]> record : batch) {
                decide(record, emitter, changed);
            }
            for (Story story : changed.values()) {
                emitter.send(outgoing(Topic.STORIES, story.id(), toJson(story), null));
            }
            return Uni.createFrom().voidItem();
        }).onFailure().invoke(failure -> desks.discardAfterAbort(failure));
    }

    private void decide(KafkaRecord<String, byte[]> record, TransactionalEmitter<byte[]> emitter, Map<String, Story> changed) {
        EnrichedArticle article;
        try {
            article = codec.read(record.getPayload());
        } catch (IOException | RuntimeException e) {
            deadLetter(record, emitter, "unreadable enriched article: " + e.getMessage(), e);
            return;
        }
        ArticleClustering.Decision decision;
        try {
            Optional<ArticleClustering.Decision> decided = desks.forPartition(record.getPartition()).decide(article, clock.instant());
            if (decided.isEmpty()) {
                LOG.debugf("article %s revision %d was decided before; redelivery ignored", article.article().id(), article.article().revision());
                return;
            }
            decision = decided.get();
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not cluster article %s", article.article().id());
            deadLetter(record, emitter, "clustering failed: " + e, e);
            return;
        }
        Headers trace = traceHeaders(record.getHeaders());
        emitter.send(outgoing(Topic.ARTICLES_CLUSTERED, decision.clustered().articleId(), toJson(decision.clustered()), trace));
        for (Story story : decision.changedStories()) {
            changed.remove(story.id());
            changed.put(story.id(), story);
        }
    }

    private void deadLetter(KafkaRecord<String, byte[]> record, TransactionalEmitter<byte[]> emitter, String reason, Throwable cause) {
        long offset = offset(record);
        LOG.warnf("dead-lettering %s-%d@%d: %s", record.getTopic(), record.getPartition(), offset, reason);
        Headers headers = traceHeaders(record.getHeaders());
        EventHeaders.deadLetter(reason, cause, STAGE, record.getTopic(), record.getPartition(), offset).forEach(headers::add);
        emitter.send(outgoing(Topic.DEADLETTER, record.getKey(), record.getPayload(), headers));
    }

    private static long offset(KafkaRecord<String, byte[]> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
    }

    private static Message<byte[]> outgoing(Topic topic, String key, byte[] value, Headers headers) {
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic.topicName())
                .withKey(key);
        if (headers != null) {
            metadata.withHeaders(headers);
        }
        return Message.of(value).addMetadata(metadata.build());
    }

    private static Headers traceHeaders(Headers incoming) {
        RecordHeaders headers = new RecordHeaders();
        for (String name : new String[] {EventHeaders.TRACE_ID, EventHeaders.INGESTED_AT}) {
            Header header = incoming.lastHeader(name);
            if (header != null) {
                headers.add(name, header.value());
            }
        }
        return headers;
    }

    private byte[] toJson(Object value) {
        return codec.write(value);
    }
}
