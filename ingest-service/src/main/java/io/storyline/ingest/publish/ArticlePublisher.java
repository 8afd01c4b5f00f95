package io.storyline.ingest.publish;

import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.storyline.events.Article;
import io.storyline.events.EventHeaders;
import io.storyline.runtime.stage.AckedSend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** Writes articles to news.articles.raw (key = article id); the returned stage completes on the Kafka ack. */
@ApplicationScoped
public class ArticlePublisher {

    @Inject
    @Channel("articles-raw")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<Article> emitter;

    public CompletableFuture<Void> publish(Article article, String traceId, Instant ingestedAt) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.TRACE_ID, traceId.getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.INGESTED_AT, Long.toString(ingestedAt.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(article.id())
                .withHeaders(headers)
                .build();
        // the record's producer span continues the caller's current trace; the connector writes its traceparent header;
        // a buffer overflow or a channel down fails the stage: the caller answers 503 and the sender retries
        return AckedSend.send(emitter, article, Metadata.of(kafka, TracingMetadata.withCurrent(Context.current())));
    }
}
