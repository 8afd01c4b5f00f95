package io.storyline.nlp.enrichment;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.storyline.nlp.ArticleAnalyzer;
import io.storyline.nlp.observability.NlpMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Loads the models once, off the startup thread, so the HTTP endpoints (health) answer while the model
 * loads; the service reports not-ready until it is in memory.
 */
@ApplicationScoped
public class AnalyzerLifecycle {
    private static final Logger LOG = Logger.getLogger(AnalyzerLifecycle.class);

    private final NlpConfig config;
    private final NlpMetrics metrics;
    private final CompletableFuture<ArticleAnalyzer> analyzer = new CompletableFuture<>();

    public AnalyzerLifecycle(NlpConfig config, NlpMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        Thread loader = new Thread(() -> {
            try {
                ArticleAnalyzer loaded = ArticleAnalyzer.create(config.toSettings());
                LOG.infof("NER model loaded in %d ms, analyzer ready in %d ms (%s)",
                        loaded.modelLoadTime().toMillis(), loaded.startupTime().toMillis(), config.toSettings());
                metrics.watch(loaded);
                analyzer.complete(loaded);
            } catch (Throwable t) {
                LOG.error("cannot load the NLP models", t);
                analyzer.completeExceptionally(t);
            }
        }, "nlp-model-loader");
        loader.setDaemon(true);
        loader.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        analyzer.cancel(false);
    }

    public boolean isReady() {
        return analyzer.isDone() && !analyzer.isCompletedExceptionally();
    }

    /** Why the service is not ready, or null. */
    public String state() {
        if (!analyzer.isDone()) {
            return "loading models";
        }
        try {
            analyzer.get();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            return "model load failed: " + e.getCause().getMessage();
        } catch (java.util.concurrent.CancellationException e) {
            return "stopped";
        }
    }

    /** The analyzer, waiting for it to load if needed. */
    public ArticleAnalyzer analyzer() {
        try {
            return analyzer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the NLP models", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("NLP models failed to load: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
