package io.storyline.ingest.scraped;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.storyline.events.EventHeaders;
import io.storyline.events.IngestChannel;
import io.storyline.ingest.article.ArticleJson;
import io.storyline.ingest.article.ArticleSubmission;
import io.storyline.ingest.article.Rejection;
import io.storyline.ingest.article.RejectedInputException;
import io.storyline.ingest.article.RejectionReason;
import io.storyline.ingest.article.StrictText;
import io.storyline.ingest.intake.ArticleIntake;
import io.storyline.ingest.intake.IngestConfig;
import io.storyline.ingest.publish.TraceId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * news.scraped: scrapers write the JSON of POST /articles here directly. A record is acknowledged (its offset
 * committed) only after the article reached news.articles.raw or, if refused, news.deadletter.
 */
@ApplicationScoped
public class ScrapedArticleConsumer {

    @Inject
    ArticleIntake intake;

    @Inject
    IngestConfig config;

    @Inject
    DeadLetters deadLetters;

    @Incoming("scraped")
    public CompletionStage<Void> consume(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<?, ?> origin = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        byte[] value = message.getPayload();
        String traceId = TraceId.of(header(origin.getHeaders(), "traceparent"), header(origin.getHeaders(), EventHeaders.TRACE_ID));
        ArticleSubmission submission;
        try {
            submission = ArticleJson.read(decode(value));
        } catch (RejectedInputException e) {
            intake.rejected(e.rejection(), IngestChannel.KAFKA, null);
            return refuse(message, origin, value, e.rejection(), traceId);
        }
        return intake.submit(submission, IngestChannel.KAFKA, traceId)
                .thenCompose(result -> result.isRejected()
                        ? refuse(message, origin, value, result.rejection(), traceId)
                        : message.ack())
                // Kafka did not take the article: the connector's dead-letter strategy keeps the record with the cause.
                .exceptionallyCompose(failure -> message.nack(failure));
    }

    private String decode(byte[] value) {
        if (value == null || value.length == 0) {
            throw new RejectedInputException(RejectionReason.MISSING_FIELD, "body", "empty record value");
        }
        int limit = config.limits().maxArticleBytes();
        if (value.length > limit) {
            throw new RejectedInputException(RejectionReason.TOO_LARGE, "body", "record value of " + value.length + " bytes, at most " + limit + " allowed");
        }
        return StrictText.decode(value, "body");
    }

    private CompletionStage<Void> refuse(Message<byte[]> message, IncomingKafkaRecordMetadata<?, ?> origin, byte[] value,
                                         Rejection rejection, String traceId) {
        CompletableFuture<Void> sent = deadLetters.send(origin, value, rejection, traceId);
        return sent.thenCompose(v -> message.ack());
    }

    private static String header(Headers headers, String name) {
        Header h = headers == null ? null : headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
