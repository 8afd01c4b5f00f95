package io.storyline.events.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tests and the bench find article text, whatever the working directory: the repository root is the
 * directory holding the top-level pom.xml (or {@code -Dstoryline.repo}), the seed articles are its {@code seeds/},
 * and the shared data (never copied into the repository) is {@code ../shared} beside it.
 */
public final class RepositoryPaths {
    private RepositoryPaths() {
    }

    /** The repository root: {@code -Dstoryline.repo}, else the outermost directory above here that holds a pom.xml. */
    public static Path root() {
        String configured = System.getProperty("storyline.repo");
        if (configured != null && !configured.isBlank()) {
            return existing(Path.of(configured).resolve("pom.xml"), "-Dstoryline.repo").getParent();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir.getParent() != null && Files.isRegularFile(dir.getParent().resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        return existing(dir.resolve("pom.xml"), "-Dstoryline.repo (no pom.xml in the working directory)").getParent();
    }

    /** The repository's seed articles. */
    public static Path seeds() {
        return existing(root().resolve("seeds"), "-Dstoryline.repo");
    }

    /** A file below the shared data directory beside the repository, e.g. {@code data/wikiref220-dev.jsonl}. */
    public static Path shared(String relative) {
        return root().resolveSibling("shared").resolve(relative);
    }

    /** The path itself if it exists, else an error that names it and the setting that moves it. */
    public static Path existing(Path path, String setting) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new IllegalStateException("not found: " + absolute + " (set " + setting + ")");
        }
        return absolute;
    }
}
