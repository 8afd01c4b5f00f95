package io.storyline.ingest.article;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeFilter;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns article bodies (HTML or plain text) into the clean text the pipeline analyses: NFC, whitespace folded
 * inside paragraphs, paragraphs separated by a blank line, page furniture and comment-form boilerplate removed.
 */
public final class CleanText {

    /** Elements that never carry article prose. */
    private static final Set<String> NON_PROSE_TAGS = Set.of("script", "style", "noscript", "template", "head", "nav", "header",
            "footer", "aside", "form", "iframe", "object", "embed", "svg", "canvas", "button", "input", "select", "textarea",
            "menu", "dialog", "math");
    private static final Set<String> NON_PROSE_ROLES = Set.of("navigation", "banner", "contentinfo", "complementary", "search");
    /** Class or id values of page furniture around the article. */
    private static final Set<String> NON_PROSE_NAMES = Set.of("comments", "comment-list", "comment-respond", "respond", "breadcrumb",
            "breadcrumbs", "share", "sharing", "social-share", "related", "related-posts", "newsletter", "cookie-banner", "advertisement");

    /** Whole paragraphs that are comment forms, widgets or calls to action rather than article prose. */
    private static final Pattern BOILERPLATE = Pattern.compile("(?iu)"
            + "leave an? (comment|reply)( cancel reply)?"
            + "|(you must|you need to) (be )?log(ged)? in to post a comment.*"
            + "|your email address will not be published\\.?( required fields are marked \\*?)?"
            + "|required fields are marked \\*?"
            + "|please enter (your|a) (comment|name|e-?mail( address)?|website)( here)?[.!]?"
            + "|save my name, e-?mail,? and website in this browser.*"
            + "|(post|submit) (a )?comment|cancel reply|comments?( \\(\\d+\\))?|\\d+ comments?|no comments( yet)?\\.?"
            + "|most (popular|read|viewed)|recent (comments|posts)|related (posts|articles|stories|news)( :)?"
            + "|share (this|on) ?(article|story|post)?:?|advertisement|sponsored( content)?|read more:?"
            + "|(sign up|subscribe) (for|to) our newsletters?.*|follow us on [\\p{L} ,&]+\\.?|click here to (comment|subscribe).*"
            + "|skip to (main )?content|back to top");

    private static final int MAX_BOILERPLATE_CHARS = 160;
    /** Cheap test before the regex: every boilerplate paragraph starts with one of these words. */
    private static final Set<String> BOILERPLATE_FIRST_WORDS = Set.of("leave", "you", "your", "required", "please", "save", "post",
            "submit", "cancel", "comment", "comments", "no", "most", "recent", "related", "share", "advertisement", "sponsored",
            "read", "sign", "subscribe", "follow", "click", "skip", "back");
    private static final Pattern MARKUP = Pattern.compile(
            "(?i)<(?:/?(?:p|div|br|span|a|h[1-6]|ul|ol|li|script|style|html|body|head|article|section|strong|em|b|i|img|table|tr|td|blockquote|figure|header|footer|nav)\\b[^<>]*>|!--)");

    private CleanText() {
    }

    public static boolean looksLikeHtml(String body) {
        return MARKUP.matcher(body).find();
    }

    /** Clean text of an HTML fragment or document. */
    public static String fromHtml(String html) {
        Document doc = Jsoup.parse(html);
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    current.append(text.getWholeText());
                } else if (node instanceof Element element) {
                    if (isFurniture(element)) {
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    if (element.isBlock() || element.nameIs("br")) {
                        flush(current, paragraphs);
                    }
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element element && element.isBlock()) {
                    flush(current, paragraphs);
                }
                return FilterResult.CONTINUE;
            }
        }, doc.body());
        flush(current, paragraphs);
        return join(paragraphs);
    }

    private static boolean isFurniture(Element element) {
        if (NON_PROSE_TAGS.contains(element.normalName())) {
            return true;
        }
        if (element.attributesSize() == 0) {
            return false;
        }
        if (element.hasAttr("hidden") || "true".equals(element.attr("aria-hidden"))
                || NON_PROSE_ROLES.contains(element.attr("role"))
                || NON_PROSE_NAMES.contains(element.id())) {
            return true;
        }
        for (String name : element.classNames()) {
            if (NON_PROSE_NAMES.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Clean text of a plain-text body: every non-blank line is a paragraph. */
    public static String fromPlainText(String text) {
        List<String> paragraphs = new ArrayList<>();
        for (String line : text.split("\\R")) {
            StringBuilder sb = new StringBuilder(line);
            flush(sb, paragraphs);
        }
        return join(paragraphs);
    }

    /** A single line (title, author, ...): NFC, invisible characters dropped, whitespace folded. */
    public static String line(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw;
        if (text.indexOf('<') >= 0 || text.indexOf('&') >= 0) {
            text = Jsoup.parse(text).text();
        }
        return fold(text);
    }

    /**
     * NFC; control and format characters dropped except line feed and tab; every run of whitespace or
     * separators one space; stripped. One pass instead of two regex replacements: this runs on every paragraph
     * of every article and was a third of ingest's CPU.
     */
    static String fold(String raw) {
        String nfc = Normalizer.isNormalized(raw, Normalizer.Form.NFC) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length());
        boolean pendingSpace = false;
        for (int i = 0; i < nfc.length(); ) {
            int c = nfc.codePointAt(i);
            i += Character.charCount(c);
            if (isInvisible(c)) {
                continue;
            }
            if (isSpace(c)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.appendCodePoint(c);
        }
        return out.toString();
    }

    /** {@code [\p{Cc}\p{Cf}&&[^\n\t]]} */
    private static boolean isInvisible(int c) {
        if (c == '\n' || c == '\t') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT;
    }

    /** {@code [\s\p{Z}]} once invisible characters are gone: line feed, tab, and the Unicode separators. */
    private static boolean isSpace(int c) {
        if (c == ' ' || c == '\n' || c == '\t') {
            return true;
        }
        if (c < 0x80) {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    public static boolean isBoilerplate(String paragraph) {
        if (paragraph.length() > MAX_BOILERPLATE_CHARS || paragraph.length() < 3) {
            return false;
        }
        int space = paragraph.indexOf(' ');
        String firstWord = (space < 0 ? paragraph : paragraph.substring(0, space)).toLowerCase(java.util.Locale.ROOT);
        return (BOILERPLATE_FIRST_WORDS.contains(firstWord) || Character.isDigit(firstWord.charAt(0)))
                && BOILERPLATE.matcher(paragraph).matches();
    }

    private static void flush(StringBuilder current, List<String> paragraphs) {
        if (current.length() == 0) {
            return;
        }
        String paragraph = fold(current.toString());
        current.setLength(0);
        if (!paragraph.isEmpty() && !isBoilerplate(paragraph)) {
            paragraphs.add(paragraph);
        }
    }

    private static String join(List<String> paragraphs) {
        return String.join("\n\n", paragraphs);
    }
}
