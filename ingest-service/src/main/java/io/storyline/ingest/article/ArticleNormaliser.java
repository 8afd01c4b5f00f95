package io.storyline.ingest.article;

import io.storyline.events.Article;
import io.storyline.events.IngestChannel;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates an {@link ArticleSubmission} and turns it into the {@link Article} of the event contract: clean text,
 * canonical URL, stable id, content hash and a plausible event time. Pure: no I/O, no framework.
 */
public final class ArticleNormaliser {

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*");
    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());

    private final ArticleLimits limits;

    public ArticleNormaliser(ArticleLimits limits) {
        this.limits = limits;
    }

    public ArticleLimits limits() {
        return limits;
    }

    /**
     * @throws RejectedInputException when the submission cannot become an article
     */
    public NormalisedArticle normalise(ArticleSubmission in, IngestChannel channel, Instant received) {
        List<String> notes = new ArrayList<>(1);
        String url = in.url() == null || in.url().isBlank() ? null : canonicalUrl(in.url(), channel);

        // NULs or runs of control characters that came in as JSON escapes: binary data, refused like raw bytes
        StrictText.requireText(required(in.title(), "title"), "title");
        String title = CleanText.line(in.title());
        if (title.isEmpty()) {
            throw new RejectedInputException(RejectionReason.EMPTY_TEXT, "title", "blank after removing markup and whitespace");
        }
        if (title.length() > limits.maxTitleChars()) {
            throw new RejectedInputException(RejectionReason.TOO_LONG, "title",
                    title.length() + " characters, at most " + limits.maxTitleChars() + " allowed");
        }

        String body = required(in.body(), "body");
        StrictText.requireText(body, "body");
        if (body.length() > limits.maxTextChars() * 4L) {
            throw new RejectedInputException(RejectionReason.TOO_LONG, "body",
                    "body of " + body.length() + " characters is far beyond the text limit of " + limits.maxTextChars());
        }
        boolean html = switch (in.bodyFormat() == null ? ArticleSubmission.BodyFormat.DETECT : in.bodyFormat()) {
            case HTML -> true;
            case TEXT -> false;
            case DETECT -> CleanText.looksLikeHtml(body);
        };
        String text = html ? CleanText.fromHtml(body) : CleanText.fromPlainText(body);
        if (text.isEmpty()) {
            throw new RejectedInputException(RejectionReason.EMPTY_TEXT, "body",
                    "no text left after removing markup, boilerplate and whitespace");
        }
        if (text.length() > limits.maxTextChars()) {
            throw new RejectedInputException(RejectionReason.TOO_LONG, "body",
                    "text of " + text.length() + " characters, at most " + limits.maxTextChars() + " allowed");
        }

        String source = optionalLine(in.source(), "source");
        if (source == null) {
            source = url == null ? null : hostOf(url);
            if (source == null) {
                throw new RejectedInputException(RejectionReason.MISSING_FIELD, "source",
                        "required when the url does not name a host");
            }
        }

        PublishedTime.Choice time = PublishedTime.choose(in.published(), received, limits);
        if (time.note() != null) {
            notes.add(time.note());
        }

        String contentHash = ArticleIdentity.contentHash(title, text);
        String id = url == null ? ArticleIdentity.idFromContent(contentHash) : ArticleIdentity.idFromUrl(url);
        Article article = new Article(id, 1, url, title, text, source, language(in.language()),
                optionalLine(in.author(), "author"), optionalLine(in.section(), "section"), optionalLine(in.feedId(), "feedId"),
                time.published(), time.source(), received, contentHash, channel);
        return new NormalisedArticle(article, List.copyOf(notes));
    }

    private String canonicalUrl(String raw, IngestChannel channel) {
        if (channel == IngestChannel.FILE) {
            // File names are set by ingest itself (file:NAME), never fetched; they only need to be stable.
            String url = CleanText.fold(raw);
            if (url.length() > limits.maxUrlChars()) {
                throw new RejectedInputException(RejectionReason.TOO_LONG, "url", "longer than " + limits.maxUrlChars() + " characters");
            }
            return url;
        }
        return CanonicalUrl.of(raw, limits);
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw new RejectedInputException(RejectionReason.MISSING_FIELD, field, "required");
        }
        if (value.isBlank()) {
            throw new RejectedInputException(RejectionReason.EMPTY_TEXT, field, "blank");
        }
        return value;
    }

    private String optionalLine(String raw, String field) {
        if (raw == null) {
            return null;
        }
        String value = CleanText.line(raw);
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > limits.maxFieldChars()) {
            throw new RejectedInputException(RejectionReason.TOO_LONG, field,
                    value.length() + " characters, at most " + limits.maxFieldChars() + " allowed");
        }
        return value;
    }

    /** ISO 639-1 code of a declared language ("en", "EN", "en-GB", "eng"), null when none was declared. */
    static String language(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String tag = raw.strip();
        if (!LANGUAGE_TAG.matcher(tag).matches()) {
            throw new RejectedInputException(RejectionReason.INVALID_FIELD, "language", "not an ISO 639 language code: '" + abbreviate(tag) + "'");
        }
        String lang = Locale.forLanguageTag(tag.replace('_', '-')).getLanguage();
        if (lang.length() == 3) {
            for (String two : Locale.getISOLanguages()) {
                if (new Locale(two).getISO3Language().equals(lang)) {
                    return two;
                }
            }
        }
        if (!ISO_639_1.contains(lang)) {
            throw new RejectedInputException(RejectionReason.INVALID_FIELD, "language", "not an ISO 639 language code: '" + abbreviate(tag) + "'");
        }
        return lang;
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host == null) {
                return null;
            }
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
