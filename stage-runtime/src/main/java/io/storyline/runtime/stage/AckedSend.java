package io.storyline.runtime.stage;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.util.concurrent.CompletableFuture;

/** Sending one record through a (non-transactional) emitter and learning whether Kafka took it. */
public final class AckedSend {

    private AckedSend() {
    }

    /**
     * Sends {@code payload} with {@code metadata}; the returned stage completes when Kafka acknowledges the record and
     * fails when it is nacked or the emitter refuses it (buffer full, channel down).
     */
    public static <T> CompletableFuture<Void> send(Emitter<T> emitter, T payload, Metadata metadata) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<T> message = Message.of(payload, metadata,
                () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }
}
