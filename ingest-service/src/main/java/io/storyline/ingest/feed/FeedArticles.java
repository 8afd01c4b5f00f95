package io.storyline.ingest.feed;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.storyline.ingest.article.ArticleSubmission;
import io.storyline.ingest.article.Rejection;
import io.storyline.ingest.article.RejectedInputException;
import io.storyline.ingest.article.RejectionReason;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns an RSS 0.9x/1.0/2.0 or Atom document (parsed by Rome; DOCTYPEs refused, so no external entities) into one
 * {@link ArticleSubmission} per item. An item that cannot become a submission is reported, the others go on.
 */
public final class FeedArticles {

    /** One item of the feed, numbered from 1 in document order: a submission or the reason there is none. */
    public record Item(int index, ArticleSubmission submission, Rejection rejection) {
    }

    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*");

    private FeedArticles() {
    }

    /**
     * @param source outlet name given by the sender, or null to take it from the feed's link
     * @param feedId feed id given by the sender, or null to use the feed's URI or link
     * @throws RejectedInputException MALFORMED_FEED when the document is not a feed Rome can read
     */
    public static List<Item> read(byte[] xml, String source, String feedId) {
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput(false, Locale.US);
            input.setAllowDoctypes(false);
            input.setXmlHealerOn(true);
            feed = input.build(new XmlReader(new ByteArrayInputStream(xml), true));
        } catch (FeedException | IllegalArgumentException | IOException e) {
            throw new RejectedInputException(RejectionReason.MALFORMED_FEED, "body", "not an RSS or Atom feed: " + message(e));
        } catch (RuntimeException e) {
            // Rome signals some malformed documents with unchecked exceptions of its XML stack.
            throw new RejectedInputException(RejectionReason.MALFORMED_FEED, "body", "not an RSS or Atom feed: " + message(e));
        }
        String outlet = source != null && !source.isBlank() ? source : outletOf(feed);
        String id = feedId != null && !feedId.isBlank() ? feedId : firstNonBlank(feed.getUri(), feed.getLink());
        String language = feed.getLanguage() != null && LANGUAGE.matcher(feed.getLanguage().strip()).matches()
                ? feed.getLanguage().strip() : null;

        List<Item> items = new ArrayList<>();
        int index = 0;
        for (SyndEntry entry : feed.getEntries()) {
            index++;
            try {
                items.add(new Item(index, submission(entry, outlet, id, language), null));
            } catch (RejectedInputException e) {
                items.add(new Item(index, null, e.rejection()));
            }
        }
        return items;
    }

    private static ArticleSubmission submission(SyndEntry entry, String outlet, String feedId, String language) {
        String url = firstNonBlank(entry.getLink(), linkOf(entry), httpUri(entry.getUri()));
        String title = entry.getTitleEx() != null ? entry.getTitleEx().getValue() : entry.getTitle();
        String body = null;
        ArticleSubmission.BodyFormat format = ArticleSubmission.BodyFormat.DETECT;
        List<SyndContent> contents = entry.getContents();
        if (contents != null && !contents.isEmpty()) {
            body = contents.stream().map(SyndContent::getValue).filter(v -> v != null && !v.isBlank()).collect(Collectors.joining("\n"));
            format = formatOf(contents.get(0).getType());
        }
        if ((body == null || body.isBlank()) && entry.getDescription() != null) {
            body = entry.getDescription().getValue();
            format = formatOf(entry.getDescription().getType());
        }
        if (body == null || body.isBlank()) {
            throw new RejectedInputException(RejectionReason.MISSING_FIELD, "body", "the item has neither content nor description");
        }
        Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
        String section = entry.getCategories() == null ? null : entry.getCategories().stream()
                .map(SyndCategory::getName).filter(n -> n != null && !n.isBlank()).findFirst().orElse(null);
        return new ArticleSubmission(url, title, body, format, outlet, language,
                date == null ? null : date.toInstant().toString(), blankToNull(entry.getAuthor()), section, feedId);
    }

    private static ArticleSubmission.BodyFormat formatOf(String type) {
        if (type == null) {
            return ArticleSubmission.BodyFormat.DETECT;
        }
        String t = type.toLowerCase(Locale.ROOT);
        if (t.equals("text") || t.equals("text/plain")) {
            return ArticleSubmission.BodyFormat.TEXT;
        }
        return t.contains("html") ? ArticleSubmission.BodyFormat.HTML : ArticleSubmission.BodyFormat.DETECT;
    }

    private static String linkOf(SyndEntry entry) {
        if (entry.getLinks() == null) {
            return null;
        }
        return entry.getLinks().stream()
                .filter(l -> l.getRel() == null || l.getRel().equals("alternate"))
                .map(SyndLink::getHref).filter(h -> h != null && !h.isBlank()).findFirst().orElse(null);
    }

    /** Atom ids are often tag: URIs; only an http(s) id is also the article's address. */
    private static String httpUri(String uri) {
        return uri != null && (uri.startsWith("http://") || uri.startsWith("https://")) ? uri : null;
    }

    private static String outletOf(SyndFeed feed) {
        String link = firstNonBlank(feed.getLink(), feed.getUri());
        if (link != null) {
            try {
                String host = URI.create(link.strip()).getHost();
                if (host != null) {
                    return host.startsWith("www.") ? host.substring(4) : host;
                }
            } catch (IllegalArgumentException ignored) {
                // fall back to the title
            }
        }
        return blankToNull(feed.getTitle());
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String message(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = m.indexOf('\n');
        m = newline > 0 ? m.substring(0, newline) : m;
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}
