package io.storyline.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.storyline.events.EventJson;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Sends every regular file of a directory to ingest's plain-text endpoint, in name order. */
public final class FileIngest {

    private FileIngest() {
    }

    /** What ingest answered for one file. */
    public record Receipt(String name, String articleId, String status) {
    }

    public static List<Receipt> ingestDirectory(HttpClient http, String ingestUrl, Path dir) throws IOException, InterruptedException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
        String prefix = dir.toAbsolutePath().normalize().getFileName().toString();
        List<Receipt> receipts = new ArrayList<>();
        for (Path file : files) {
            // The article's URL becomes file:<dir>/<file>, so stories list their members by name.
            String name = prefix + "/" + file.getFileName();
            receipts.add(ingestFile(http, ingestUrl, file, name));
        }
        return receipts;
    }

    static Receipt ingestFile(HttpClient http, String ingestUrl, Path file, String name) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl + "/articles/text?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofFile(file))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("ingest rejected " + name + " with HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = EventJson.mapper().readTree(response.body());
        return new Receipt(name, body.path("id").asText(), body.path("status").asText());
    }
}
