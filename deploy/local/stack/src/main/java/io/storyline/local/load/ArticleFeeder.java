package io.storyline.local.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.storyline.events.EventJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes newsroom articles to ingest's NDJSON batch endpoint, at a fixed rate or as fast as ingest
 * acknowledges them. Articles are written ahead on their own thread (a bounded queue), so generating
 * text never holds back the offered rate. Lines ingest could not hand to Kafka ("failed") are sent again.
 */
final class ArticleFeeder {

    /** One article ready to send. */
    private record Line(String url, String json, boolean copy, int attempt) {
        Line retry() {
            return new Line(url, json, copy, attempt + 1);
        }
    }

    /** What ingest answered, in total. */
    record Outcome(int sent, int accepted, int duplicate, int revision, int rejected, int failed, int resent,
                   long firstSendMillis, long lastSendMillis, long lastAnswerMillis, List<String> problems) {

        double offeredPerSecond() {
            long span = lastSendMillis - firstSendMillis;
            return span <= 0 ? sent : sent * 1000.0 / span;
        }
    }

    private static final int MAX_ATTEMPTS = 5;
    private static final int MAX_BATCH = 500;
    private static final long TICK_MILLIS = 50;

    private final HttpClient http;
    private final int articles;
    private final BlockingQueue<Line> ready = new ArrayBlockingQueue<>(20_000);
    private final ConcurrentLinkedQueue<Line> resend = new ConcurrentLinkedQueue<>();
    private final Map<String, String> copies = new ConcurrentHashMap<>();
    private final Map<String, String> events = new ConcurrentHashMap<>();
    private final Map<String, String> storylines = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger duplicate = new AtomicInteger();
    private final AtomicInteger revision = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger resent = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger acceptedTotal = new AtomicInteger();
    private final AtomicLong lastAnswer = new AtomicLong();
    private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread writer;

    /** @param articles all articles the feeder will write, over all its runs (warm-up included) */
    ArticleFeeder(HttpClient http, Newsroom newsroom, int articles) {
        this.http = http;
        this.articles = articles;
        this.writer = daemon("newsroom", () -> write(newsroom));
    }

    /** Starts writing articles ahead (call early: it fills the queue while the stack starts). */
    void prepare() {
        writer.start();
    }

    /** The near-duplicate copies among the articles written so far: url -> url of the wire original. */
    Map<String, String> copies() {
        return copies;
    }

    /** The news event each article written so far is about: url -> the newsroom's event key. */
    Map<String, String> events() {
        return events;
    }

    /** The developing story each article written so far belongs to: url -> the newsroom's storyline key. */
    Map<String, String> storylines() {
        return storylines;
    }

    /** Articles ingest has accepted (new or as a revision) over all runs so far. */
    int accepted() {
        return acceptedTotal.get();
    }

    private void write(Newsroom newsroom) {
        var drafts = newsroom.iterator();
        try {
            for (int i = 0; i < articles; i++) {
                ArticleDraft draft = drafts.next();
                if (draft.isCopy()) {
                    copies.put(draft.url(), draft.copyOf());
                }
                events.put(draft.url(), draft.eventKey());
                storylines.put(draft.url(), draft.storylineKey());
                ready.put(new Line(draft.url(), draft.toJson(), draft.isCopy(), 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the next {@code count} articles to ingest, at {@code rate} per second (null: as fast as it answers), and waits for its answers. */
    Outcome run(String ingestUrl, int count, Double rate) throws InterruptedException {
        URI batchUri = URI.create(ingestUrl + "/articles/batch");
        for (AtomicInteger counter : List.of(accepted, duplicate, revision, rejected, failed, resent, answered)) {
            counter.set(0);
        }
        problems.clear();
        Semaphore inFlight = new Semaphore(rate == null ? 4 : 16);
        int batchSize = rate == null ? 250 : MAX_BATCH;
        long start = System.nanoTime();
        long firstSend = 0;
        long lastSend = 0;
        int taken = 0;
        int sent = 0;
        while (taken < count || !resend.isEmpty() || inFlight.availablePermits() < (rate == null ? 4 : 16)) {
            List<Line> batch = new ArrayList<>();
            Line again;
            while (batch.size() < batchSize && (again = resend.poll()) != null) {
                batch.add(again);
            }
            int fresh = Math.min(batchSize - batch.size(), count - taken);
            if (rate != null) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                fresh = (int) Math.max(0, Math.min(fresh, Math.floor(elapsed * rate) - taken));
            }
            for (int i = 0; i < fresh; i++) {
                batch.add(ready.take());
            }
            taken += fresh;
            if (batch.isEmpty()) {
                Thread.sleep(TICK_MILLIS);
                continue;
            }
            if (fresh == 0) {
                Thread.sleep(4 * TICK_MILLIS); // only lines to resend: give ingest and Kafka a moment
            }
            inFlight.acquire();
            long now = System.currentTimeMillis();
            if (firstSend == 0) {
                firstSend = now;
            }
            lastSend = now;
            sent += fresh;
            send(batchUri, batch, inFlight);
            if (rate != null) {
                Thread.sleep(TICK_MILLIS);
            }
        }
        return new Outcome(sent, accepted.get(), duplicate.get(), revision.get(), rejected.get(), failed.get(), resent.get(),
                firstSend, lastSend, lastAnswer.get(), List.copyOf(problems));
    }

    private void send(URI batchUri, List<Line> batch, Semaphore inFlight) {
        StringBuilder body = new StringBuilder(batch.size() * 5000);
        for (Line line : batch) {
            body.append(line.json()).append('\n');
        }
        HttpRequest request = HttpRequest.newBuilder(batchUri)
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            try {
                if (error != null) {
                    problem("batch request failed: " + error);
                    retryAll(batch);
                } else if (response.statusCode() == 200) {
                    count(batch, response.body());
                } else if (response.statusCode() == 503 || response.statusCode() == 429) {
                    problem("ingest answered HTTP " + response.statusCode() + ", resending the batch");
                    retryAll(batch);
                } else {
                    problem("ingest refused a batch with HTTP " + response.statusCode() + ": " + abbreviate(response.body()));
                    rejected.addAndGet(batch.size());
                    answered.addAndGet(batch.size());
                }
            } catch (IOException | RuntimeException e) {
                problem("unreadable batch answer: " + e);
                retryAll(batch);
            } finally {
                lastAnswer.set(System.currentTimeMillis());
                inFlight.release();
            }
        });
    }

    private void count(List<Line> batch, String body) throws IOException {
        JsonNode report = EventJson.mapper().readTree(body);
        for (JsonNode result : report.path("results")) {
            int index = result.path("line").asInt() - 1;
            String status = result.path("status").asText();
            switch (status) {
                case "accepted" -> {
                    accepted.incrementAndGet();
                    acceptedTotal.incrementAndGet();
                }
                case "duplicate" -> duplicate.incrementAndGet();
                case "revision" -> {
                    revision.incrementAndGet();
                    acceptedTotal.incrementAndGet();
                }
                case "rejected" -> {
                    rejected.incrementAndGet();
                    problem("rejected " + batch.get(index).url() + ": " + result.path("field").asText() + " " + result.path("detail").asText());
                }
                default -> {
                    if (retry(batch.get(index))) {
                        continue;
                    }
                }
            }
            answered.incrementAndGet();
        }
    }

    private void retryAll(List<Line> batch) {
        for (Line line : batch) {
            if (!retry(line)) {
                answered.incrementAndGet();
            }
        }
    }

    /** Queues the line again unless it has had all its attempts; false when it is given up as failed. */
    private boolean retry(Line line) {
        if (line.attempt() >= MAX_ATTEMPTS) {
            failed.incrementAndGet();
            return false;
        }
        resent.incrementAndGet();
        resend.add(line.retry());
        return true;
    }

    private void problem(String message) {
        if (problems.size() < 20) {
            problems.add(message);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    void stop() {
        writer.interrupt();
    }

    static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
