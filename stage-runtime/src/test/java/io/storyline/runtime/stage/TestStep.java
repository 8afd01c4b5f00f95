package io.storyline.runtime.stage;

import io.storyline.events.Topic;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test stages' step, told by the record's value what to do: {@code emit:X} writes X, {@code dead:X} dead-letters
 * the record, {@code throw-once:X} throws the first time it sees the record and writes X after that. It counts how
 * often it saw each value, so a test can tell a batch was consumed again.
 */
@ApplicationScoped
public class TestStep {
    static final String REFUSED = "test-refused";

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    void apply(RecordContext record, Topic out) {
        String value = new String(record.record().getPayload(), StandardCharsets.UTF_8);
        int attempt = attempts.computeIfAbsent(value, v -> new AtomicInteger()).incrementAndGet();
        String command = value.substring(0, value.indexOf(':'));
        String text = value.substring(value.indexOf(':') + 1);
        record.identify(text);
        switch (command) {
            case "emit" -> record.emit(out, record.record().getKey(), text.getBytes(StandardCharsets.UTF_8));
            case "dead" -> record.deadLetter("refused: " + text, REFUSED, new IllegalArgumentException(text));
            case "throw-once" -> {
                if (attempt == 1) {
                    throw new IllegalStateException("first attempt at " + text);
                }
                record.emit(out, record.record().getKey(), text.getBytes(StandardCharsets.UTF_8));
            }
            default -> throw new IllegalArgumentException("no such command: " + command);
        }
    }

    /** How many times the step has seen a record with this value. */
    int attempts(String value) {
        AtomicInteger count = attempts.get(value);
        return count == null ? 0 : count.get();
    }
}
