package io.storyline.ingest.scraped;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.storyline.events.EventHeaders;
import io.storyline.ingest.article.Rejection;
import io.storyline.runtime.stage.AckedSend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** Writes refused news.scraped records, unchanged, to news.deadletter with the reason in headers. */
@ApplicationScoped
public class DeadLetters {

    static final String STAGE = "ingest-service";

    @Inject
    @Channel("deadletter")
    Emitter<byte[]> emitter;

    /** Completes when Kafka acknowledged the dead letter. */
    public CompletableFuture<Void> send(IncomingKafkaRecordMetadata<?, ?> origin, byte[] value, Rejection rejection, String traceId) {
        RecordHeaders headers = new RecordHeaders();
        String field = rejection.field() == null ? "" : rejection.field() + ": ";
        // a refusal, not an exception: the code says why, and there is no dead-letter-cause
        EventHeaders.deadLetter(field + rejection.detail(), rejection.reason().code(), null, STAGE, origin.getTopic(),
                origin.getPartition(), origin.getOffset()).forEach(headers::add);
        put(headers, EventHeaders.TRACE_ID, traceId);
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<Object> kafka = OutgoingKafkaRecordMetadata.builder()
                .withHeaders(headers);
        if (origin.getKey() != null) {
            kafka.withKey(origin.getKey());
        }
        return AckedSend.send(emitter, value == null ? new byte[0] : value, Metadata.of(kafka.build()));
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
