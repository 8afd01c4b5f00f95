package io.storyline.nlp;

import java.time.Duration;

/**
 * The time an analysis may still take. Checked between steps and inside the per-token loops, because the
 * CoreNLP classifier cannot be interrupted: bounding the work it is given is what keeps a huge body from
 * blocking a worker.
 */
public final class Deadline {
    private final long startNanos;
    private final long limitNanos;
    private final Duration limit;

    private Deadline(Duration limit) {
        this.startNanos = System.nanoTime();
        this.limit = limit;
        this.limitNanos = limit.toNanos();
    }

    public static Deadline after(Duration limit) {
        return new Deadline(limit);
    }

    public void check(String stage) {
        if (System.nanoTime() - startNanos > limitNanos || Thread.currentThread().isInterrupted()) {
            throw new ArticleRejectedException("analysis exceeded the per-article timeout of " + limit.toMillis()
                    + " ms (during " + stage + ")");
        }
    }
}
