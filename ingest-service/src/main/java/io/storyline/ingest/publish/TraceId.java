package io.storyline.ingest.publish;

import java.util.UUID;
import java.util.regex.Pattern;

/** The correlation id put on every record: the caller's when it sent a usable one, else a new one. */
public final class TraceId {

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");
    private static final String INVALID_TRACE = "00000000000000000000000000000000";

    private TraceId() {
    }

    /**
     * @param traceparent W3C trace context header, may be null
     * @param requestId   X-Request-Id or an incoming storyline-trace-id, may be null
     */
    public static String of(String traceparent, String requestId) {
        if (traceparent != null) {
            var m = TRACEPARENT.matcher(traceparent.strip().toLowerCase(java.util.Locale.ROOT));
            if (m.matches() && !m.group(1).equals(INVALID_TRACE)) {
                return m.group(1);
            }
        }
        if (requestId != null && SAFE_ID.matcher(requestId.strip()).matches()) {
            return requestId.strip();
        }
        return newId();
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
