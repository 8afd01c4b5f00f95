package io.storyline.ingest.text;

import io.storyline.ingest.article.ArticleSubmission;
import io.storyline.ingest.article.RejectedInputException;
import io.storyline.ingest.article.RejectionReason;

import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plain-text article file (as scrapers dump them, e.g. seeds/*.txt): the first line is the headline when
 * it looks like one, otherwise the headline is taken from the first sentence and the whole text is the body.
 * Scraped page furniture before the headline is recognised: a breadcrumb trail that ends in the headline
 * ("Home World News Biden, Putin discuss ... | Russian News") and a leading date ("date 2003-01-17 Biden calls ...").
 */
public final class PlainTextArticle {

    public static final String SOURCE = "file";

    private static final Pattern DATE_PREFIX = Pattern.compile("(?i)^(?:(?:date|dated|published|posted|updated)(?:\\s+on)?\\s*[:\\-]?\\s*)?"
            + "(\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?)"
            + "(?:\\s*[-–—|:]?\\s+(.*))?$");
    private static final Pattern BREADCRUMB_SEPARATORS = Pattern.compile("\\s*[>»›]\\s*");
    private static final Pattern SENTENCE_END = Pattern.compile("\\p{Ll}{2,}[.;]$|\\p{Ll}{2,}[.!?]\\s+\\p{Lu}");
    private static final Pattern SITE_SUFFIX = Pattern.compile("^(.{12,}?)\\s+[|]\\s+([^|]{2,60})$");
    private static final int MAX_HEADLINE_CHARS = 200;
    private static final int MAX_HEADLINE_WORDS = 30;
    private static final int MAX_BREADCRUMB_PREFIX_WORDS = 8;
    private static final int DERIVED_TITLE_CHARS = 160;

    private PlainTextArticle() {
    }

    /**
     * @param name file name as the sender gave it; the article URL is {@code file:NAME}
     * @throws RejectedInputException when there is no text
     */
    public static ArticleSubmission read(String name, String content, String language) {
        List<String> lines = new ArrayList<>();
        for (String line : content.split("\\R")) {
            lines.add(line);
        }
        int first = nextNonBlank(lines, 0);
        if (first < 0) {
            throw new RejectedInputException(RejectionReason.EMPTY_TEXT, "body", "the file has no text");
        }
        String published = null;
        String firstLine = fold(lines.get(first));
        Matcher date = DATE_PREFIX.matcher(firstLine);
        if (date.matches()) {
            published = date.group(1);
            String rest = date.group(2);
            if (rest == null || rest.isBlank()) {
                first = nextNonBlank(lines, first + 1);
                if (first < 0) {
                    throw new RejectedInputException(RejectionReason.EMPTY_TEXT, "body", "the file has only a date");
                }
                firstLine = fold(lines.get(first));
            } else {
                firstLine = rest.strip();
                lines.set(first, firstLine);
            }
        }

        int second = nextNonBlank(lines, first + 1);
        String secondLine = second < 0 ? null : fold(lines.get(second));
        int headlineLine = first;
        String candidate = firstLine;
        if (secondLine != null && isBreadcrumbEndingIn(firstLine, secondLine)) {
            headlineLine = second;
            candidate = secondLine;
        } else {
            String[] crumbs = BREADCRUMB_SEPARATORS.split(firstLine);
            if (crumbs.length >= 3) {
                candidate = crumbs[crumbs.length - 1];
            }
        }

        String title;
        int bodyStart;
        if (looksLikeHeadline(candidate)) {
            title = withoutSiteSuffix(candidate);
            bodyStart = headlineLine + 1;
        } else {
            title = firstSentence(firstLine);
            bodyStart = first;
        }
        String body = String.join("\n", lines.subList(bodyStart, lines.size()));
        if (body.isBlank()) {
            throw new RejectedInputException(RejectionReason.EMPTY_TEXT, "body", "the file has a headline but no body");
        }
        return new ArticleSubmission("file:" + name, title, body, ArticleSubmission.BodyFormat.TEXT, SOURCE, language,
                published, null, null, null);
    }

    /** A breadcrumb trail is a short run of section names followed by the headline that the next line repeats. */
    static boolean isBreadcrumbEndingIn(String line, String next) {
        if (line.equals(next)) {
            return true;
        }
        if (!line.endsWith(next) || next.length() < 10) {
            return false;
        }
        String prefix = line.substring(0, line.length() - next.length()).strip();
        return !prefix.isEmpty() && prefix.split("\\s+").length <= MAX_BREADCRUMB_PREFIX_WORDS
                && !SENTENCE_END.matcher(prefix).find();
    }

    static boolean looksLikeHeadline(String line) {
        if (line.length() < 8 || line.length() > MAX_HEADLINE_CHARS || !line.codePoints().anyMatch(Character::isLetter)) {
            return false;
        }
        if (line.split("\\s+").length > MAX_HEADLINE_WORDS) {
            return false;
        }
        // Headlines do not end with a full stop and are a single sentence.
        return !SENTENCE_END.matcher(line).find();
    }

    static String withoutSiteSuffix(String headline) {
        Matcher m = SITE_SUFFIX.matcher(headline);
        if (m.matches() && m.group(2).strip().split("\\s+").length <= 5) {
            return m.group(1).strip();
        }
        return headline;
    }

    static String firstSentence(String paragraph) {
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(paragraph);
        int end = sentences.next();
        String sentence = (end == BreakIterator.DONE ? paragraph : paragraph.substring(0, end)).strip();
        if (sentence.length() <= DERIVED_TITLE_CHARS) {
            return sentence;
        }
        int cut = sentence.lastIndexOf(' ', DERIVED_TITLE_CHARS - 1);
        return sentence.substring(0, cut > DERIVED_TITLE_CHARS / 2 ? cut : DERIVED_TITLE_CHARS - 1).strip() + "…";
    }

    private static int nextNonBlank(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    private static String fold(String line) {
        return Normalizer.normalize(line, Normalizer.Form.NFC).replaceAll("[\\s\\p{Z}]+", " ").strip();
    }
}
