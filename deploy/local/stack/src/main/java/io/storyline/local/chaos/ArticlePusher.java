package io.storyline.local.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.storyline.events.EventJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Sends articles to ingest's {@code POST /articles/batch} in order, one chunk at a time, and sends a
 * chunk again until every line of it is accepted (or reported a duplicate). A scraper does the same when
 * ingest or Kafka is down; a line that was published before a crash comes back as a duplicate that the
 * pipeline must absorb. First occurrences stay in input order.
 */
final class ArticlePusher {

    private final HttpClient http;
    private final Supplier<String> ingestUrl;
    private final int chunkSize;
    private long retries;
    private long rejected;

    ArticlePusher(HttpClient http, Supplier<String> ingestUrl, int chunkSize) {
        this.http = http;
        this.ingestUrl = ingestUrl;
        this.chunkSize = chunkSize;
    }

    void pushAll(List<String> ndjsonLines, Runnable afterChunk) throws InterruptedException {
        for (int from = 0; from < ndjsonLines.size(); from += chunkSize) {
            List<String> chunk = ndjsonLines.subList(from, Math.min(ndjsonLines.size(), from + chunkSize));
            pushChunk(String.join("\n", chunk) + "\n");
            afterChunk.run();
        }
    }

    private void pushChunk(String body) throws InterruptedException {
        while (true) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl.get() + "/articles/batch"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode report = EventJson.mapper().readTree(response.body());
                    rejected += report.path("rejected").asLong();
                    if (report.path("failed").asLong() == 0) {
                        return;
                    }
                }
            } catch (IOException e) {
                // ingest is down or restarting: try again
            }
            retries++;
            Thread.sleep(500);
        }
    }

    long retries() {
        return retries;
    }

    long rejected() {
        return rejected;
    }
}
