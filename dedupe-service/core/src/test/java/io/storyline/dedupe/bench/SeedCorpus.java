package io.storyline.dedupe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storyline.events.testing.RepositoryPaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real article text read at run time (never copied into the repository): the seed articles and the labelled
 * WikiRef220 dev half. Locations come from {@code -Dseeds.dir} / {@code -Dwikiref.file} (or env SEEDS_DIR /
 * WIKIREF_FILE), defaulting to the repository's seeds/ and {@code ../shared/data/wikiref220-dev.jsonl} beside it,
 * the repository being {@code -Dstoryline.repo} or the outermost directory with a pom.xml above the working directory. A path that
 * is missing is an error that names it.
 */
final class SeedCorpus {

    /** One real article: its paragraphs and the subject it is about (stories on one subject are hard negatives). */
    record SourceArticle(String id, String title, List<String> paragraphs, String subject) {
        String text() {
            return String.join("\n\n", paragraphs);
        }

        int words() {
            return text().split("\\s+").length;
        }
    }

    private SeedCorpus() {
    }

    static List<SourceArticle> load() {
        List<SourceArticle> articles = new ArrayList<>();
        Path repository = RepositoryPaths.root();
        Path seeds = locate("seeds.dir", "SEEDS_DIR", repository.resolve("seeds"));
        Path wikiref = locate("wikiref.file", "WIKIREF_FILE",
                repository.resolveSibling("shared").resolve("data/wikiref220-dev.jsonl"));
        articles.addAll(readSeeds(seeds));
        articles.addAll(readWikiref(wikiref));
        System.err.printf("corpus: %d articles (seeds %s, wikiref %s)%n", articles.size(), seeds, wikiref);
        return articles;
    }

    private static Path locate(String property, String env, Path fallback) {
        String configured = System.getProperty(property, System.getenv(env));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.exists(p)) {
                throw new IllegalArgumentException(property + " points at a missing path: " + p.toAbsolutePath());
            }
            return p;
        }
        if (!Files.exists(fallback)) {
            throw new IllegalStateException("not found: " + fallback + " (set -D" + property + " or " + env
                    + ", or -Dstoryline.repo to the repository root)");
        }
        return fallback;
    }

    private static List<SourceArticle> readSeeds(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<SourceArticle> out = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                List<String> paragraphs = paragraphs(Files.readString(file, StandardCharsets.UTF_8));
                if (paragraphs.size() < 2) {
                    continue;
                }
                String name = file.getFileName().toString();
                // seeds are all about Biden-Putin calls: one subject, several different stories
                out.add(new SourceArticle("seed-" + name.substring(0, name.length() - 4), paragraphs.get(0),
                        paragraphs.subList(1, paragraphs.size()), "biden-putin-call"));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<SourceArticle> readWikiref(Path file) {
        ObjectMapper json = new ObjectMapper();
        try {
            List<SourceArticle> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = json.readTree(line);
                List<String> paragraphs = paragraphs(row.path("text").asText(""));
                if (paragraphs.size() < 2) {
                    continue;
                }
                out.add(new SourceArticle(row.path("id").asText(), row.path("title").asText(""), paragraphs,
                        row.path("cluster").asText("unlabelled")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> paragraphs(String text) {
        return Arrays.stream(text.replace("\r", "").split("\n"))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .toList();
    }
}
