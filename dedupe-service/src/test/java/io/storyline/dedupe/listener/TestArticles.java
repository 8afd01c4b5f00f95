package io.storyline.dedupe.listener;

import io.storyline.events.Article;
import io.storyline.events.DetectedLanguage;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.IngestChannel;
import io.storyline.events.NerReport;
import io.storyline.events.TimeSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/** Enriched articles for tests of the dedupe stage, built from real text without running nlp-service. */
final class TestArticles {

    private static final Set<String> STOP_WORDS = Set.of("the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "for",
            "with", "by", "from", "that", "this", "is", "was", "are", "were", "be", "been", "it", "its", "as", "he", "she",
            "they", "his", "her", "their", "said", "has", "had", "have", "not", "but", "after", "also", "which", "who");

    private TestArticles() {
    }

    /**
     * An article published at {@code published} and received now: arrival times must advance as in a real
     * stream, since the near-duplicate window and the redelivery ledger forget by arrival.
     */
    static EnrichedArticle enriched(String id, String source, String title, String text, Instant published) {
        Article article = new Article(id, 1, "https://" + source + "/news/" + id, title, text, source, "en", null, null, null,
                published, TimeSource.FEED, Instant.now(), Integer.toHexString(text.hashCode()) + "0".repeat(56), IngestChannel.HTTP);
        return new EnrichedArticle(article, new DetectedLanguage("en", 0.99, "en", true), List.of(), terms(title + " " + text),
                null, new NerReport(NerReport.OK, "test", null, 0), published, null);
    }

    static Map<String, Integer> terms(String text) {
        Map<String, Integer> terms = new TreeMap<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 2 && !STOP_WORDS.contains(word)) {
                terms.merge(word, 1, Integer::sum);
            }
        }
        return terms;
    }

    /** A plain-text article: first line the headline, the rest the body. */
    static String[] resource(String name) throws IOException {
        try (InputStream in = TestArticles.class.getResourceAsStream("/articles/" + name)) {
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int newline = content.indexOf('\n');
            return new String[] {content.substring(0, newline).trim(), content.substring(newline + 1).trim()};
        }
    }

    /** A seed article of the repository (seeds/), headline first. */
    static String[] seed(String fileName) throws IOException {
        Path seeds = Path.of("..", "seeds", fileName);
        String content = Files.readString(seeds, StandardCharsets.UTF_8).strip();
        int newline = content.indexOf('\n');
        return new String[] {content.substring(0, newline).trim(), content.substring(newline + 1).trim()};
    }

    /**
     * A republished copy as outlets make them: a new headline, the last paragraph cut or a paragraph of
     * their own added, their boilerplate around it, and a few typos.
     */
    static String[] wireCopy(String[] original, int copy, Random random) {
        List<String> paragraphs = new ArrayList<>(List.of(original[1].split("\\n\\s*\\n|\\n")));
        paragraphs.removeIf(String::isBlank);
        if (copy % 3 == 0 && paragraphs.size() > 3) {
            paragraphs.remove(paragraphs.size() - 1);
        }
        if (copy % 3 == 1) {
            paragraphs.add("Outlet " + copy + " will update this report as more information becomes available.");
        }
        paragraphs.add(0, "(Agency) - Republished by outlet number " + copy + ".");
        paragraphs.add("Subscribe to our newsletter for the day's top stories. Follow us for updates.");
        String body = String.join("\n\n", paragraphs);
        StringBuilder typos = new StringBuilder(body);
        for (int i = 0; i < 3; i++) {
            int at = 1 + random.nextInt(typos.length() - 2);
            if (Character.isLetter(typos.charAt(at)) && Character.isLetter(typos.charAt(at + 1))) {
                char c = typos.charAt(at);
                typos.setCharAt(at, typos.charAt(at + 1));
                typos.setCharAt(at + 1, c);
            }
        }
        String title = switch (copy % 4) {
            case 0 -> "UPDATE: " + original[0];
            case 1 -> original[0] + " - outlet " + copy;
            case 2 -> "Report: " + original[0].toLowerCase(Locale.ROOT);
            default -> original[0].replace("the", "The");
        };
        return new String[] {title, typos.toString()};
    }
}
