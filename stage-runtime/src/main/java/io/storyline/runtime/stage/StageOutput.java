package io.storyline.runtime.stage;

import io.opentelemetry.context.Context;
import io.storyline.events.Topic;
import org.apache.kafka.common.header.Headers;

/**
 * One record a stage writes: where, keyed how, the value's bytes, its headers ({@code null}: none) and the trace
 * context its producer span continues.
 */
public record StageOutput(Topic topic, String key, byte[] value, Headers headers, Context trace) {

    /** A record without headers of its own, such as a snapshot on a compacted topic. */
    public StageOutput(Topic topic, String key, byte[] value, Context trace) {
        this(topic, key, value, null, trace);
    }
}
