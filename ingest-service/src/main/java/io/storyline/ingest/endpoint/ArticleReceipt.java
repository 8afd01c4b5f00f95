package io.storyline.ingest.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.storyline.events.TimeSource;
import io.storyline.ingest.intake.IntakeResult;

import java.time.Instant;
import java.util.List;

/** The 202 answer: the article's id, what happened to it and which revision Kafka now holds. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ArticleReceipt(String id, String status, int revision, String url, String title, Instant published,
                             TimeSource publishedSource, String traceId, List<String> notes) {

    static ArticleReceipt of(IntakeResult result, String traceId) {
        var a = result.article();
        return new ArticleReceipt(a.id(), result.status().code(), a.revision(), a.url(), a.title(), a.published(),
                a.publishedSource(), traceId, result.notes());
    }
}
