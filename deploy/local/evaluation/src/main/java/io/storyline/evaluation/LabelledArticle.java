package io.storyline.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import io.storyline.events.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One article of a labelled benchmark: the story (or topic) label is what the clustering is scored against.
 *
 * @param published publication time, or null when the source has none
 * @param cluster   the true label; null for unlabelled input (a directory of text files)
 */
public record LabelledArticle(String id, String title, String text, Instant published, String language, String cluster) {

    /** JSON lines: {@code id, title, text, published (ISO-8601 or null), lang, cluster}. */
    public static List<LabelledArticle> readJsonLines(Path file) {
        List<LabelledArticle> out = new ArrayList<>();
        int lineNo = 0;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = EventJson.mapper().readTree(line);
                String id = text(n, "id");
                if (id == null || id.isBlank()) {
                    throw new IllegalArgumentException(file + ":" + lineNo + ": missing id");
                }
                String cluster = text(n, "cluster");
                if (cluster == null) {
                    throw new IllegalArgumentException(file + ":" + lineNo + ": article " + id + " has no cluster label");
                }
                out.add(new LabelledArticle(id, nullToEmpty(text(n, "title")), nullToEmpty(text(n, "text")),
                        instant(text(n, "published"), file, lineNo), text(n, "lang"), cluster));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (line " + lineNo + ")", e);
        }
        return out;
    }

    /** A directory of {@code *.txt} articles: first non-blank line the headline, the rest the body; no labels. */
    public static List<LabelledArticle> readTextDirectory(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
            List<LabelledArticle> out = new ArrayList<>();
            for (Path p : sorted) {
                String content = Files.readString(p, StandardCharsets.UTF_8).replace("\r\n", "\n").strip();
                int nl = content.indexOf('\n');
                String title = nl < 0 ? content : content.substring(0, nl).strip();
                String body = nl < 0 ? "" : content.substring(nl + 1).strip();
                String name = p.getFileName().toString();
                out.add(new LabelledArticle(name.substring(0, name.length() - 4), title, body, null, null, null));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Instant instant(String value, Path file, int lineNo) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e3) {
                    throw new IllegalArgumentException(file + ":" + lineNo + ": unreadable published time '" + value + "'");
                }
            }
        }
    }
}
