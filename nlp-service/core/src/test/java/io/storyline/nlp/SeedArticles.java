package io.storyline.nlp;

import io.storyline.events.Article;
import io.storyline.events.IngestChannel;
import io.storyline.events.TimeSource;
import io.storyline.events.testing.RepositoryPaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

/** The seed articles (repo seeds/): first line the headline, the rest the body. */
public final class SeedArticles {
    private SeedArticles() {
    }

    public static Path directory() {
        return RepositoryPaths.seeds();
    }

    public static Article load(String prefix) {
        try (Stream<Path> files = Files.list(directory())) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no seed " + prefix));
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int newline = content.indexOf('\n');
            String title = content.substring(0, newline).strip();
            String text = content.substring(newline + 1).strip();
            return article(file.getFileName().toString(), title, text, "en", Instant.parse("2021-04-14T08:00:00Z"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Article article(String id, String title, String text, String language, Instant published) {
        return new Article(id, 1, "file:" + id, title, text, "seed", language, null, null, null, published,
                TimeSource.FEED, published, null, IngestChannel.FILE);
    }
}
