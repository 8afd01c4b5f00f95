package io.storyline.ingest.batch;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of one NDJSON line or feed item.
 *
 * @param status accepted, duplicate, revision, rejected, or failed (Kafka did not acknowledge: send it again)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LineResult(int line, String status, String id, Integer revision, String field, String reason, String detail) {
}
