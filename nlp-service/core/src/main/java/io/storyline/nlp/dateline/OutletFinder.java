package io.storyline.nlp.dateline;

import io.storyline.nlp.entity.AliasTable;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outlet an article names for itself, from two places only, so that nothing else in a text becomes one:
 * <ol>
 * <li>a site name after the final " | " or " - " (or an en/em dash) of the headline, or of the body's first
 * line when the headline was taken from it: "Biden, Putin discuss future summit over the phone | Russian News".
 * It is 1–4 capitalised words, not a bare section ("World", "Politics"), a country or another name of the alias
 * table; after a dash it must also be a listed outlet or contain an outlet word (News, Times, Agency, ...),
 * since headlines also use dashes for attribution ("Russia to cut gas supplies - Gazprom");</li>
 * <li>else the credit of a leading dateline ({@link DatelineParser#findOutlet}): its agency ("China News Agency,
 * Moscow, April 13"), its wire credit ("Moscow, January 26 (Xinhua)", "WASHINGTON (Reuters) -") or a bare credit
 * that opens the text ("(AFP) - ").</li>
 * </ol>
 * The site name wins because it is the publisher, what ingest's {@code source} names when it knows it; a wire
 * credit names whose copy the site carries. Listed outlets are counted under one name ({@code outlets.tsv}:
 * "Xinhua News Agency" and "(Xinhua)" are both "Xinhua", "Associated Press" is "AP"); others keep the name as
 * written. Reads the first line and the first 300 characters only.
 */
public final class OutletFinder {
    /** A longer first line is a paragraph, not a headline: its last dash is not a site's. */
    static final int MAX_HEADLINE_CHARS = 200;
    private static final int MIN_HEADLINE_CHARS = 12;
    private static final Pattern SEPARATOR = Pattern.compile("\\s+([|\\-–—])\\s+");

    private final DatelineParser datelines;
    private final AliasTable aliases;

    public OutletFinder() {
        this(new DatelineParser(), AliasTable.standard());
    }

    public OutletFinder(DatelineParser datelines, AliasTable aliases) {
        this.datelines = Objects.requireNonNull(datelines, "datelines");
        this.aliases = Objects.requireNonNull(aliases, "aliases");
    }

    /** The outlet named by the headline's site name, else by the leading dateline's credit; empty if neither. */
    public Optional<String> find(String title, String body) {
        Optional<String> site = siteName(title);
        if (site.isEmpty()) {
            String line = firstLine(body);
            String headline = title == null ? "" : title.strip().replaceAll("…$", "").strip();
            if (!headline.isEmpty() && line.length() > headline.length() && line.startsWith(headline)) {
                site = siteName(line);
            }
        }
        return site.isPresent() ? site : datelines.findOutlet(title, body);
    }

    /** The site name after the final separator of a headline-length line. */
    public Optional<String> siteName(String line) {
        if (line == null) {
            return Optional.empty();
        }
        String text = line.strip();
        if (text.length() > MAX_HEADLINE_CHARS) {
            return Optional.empty();
        }
        Matcher m = SEPARATOR.matcher(text);
        int start = -1;
        int end = -1;
        boolean dash = false;
        while (m.find()) {
            start = m.start();
            end = m.end();
            dash = !m.group(1).equals("|");
        }
        if (start < 0) {
            return Optional.empty();
        }
        String headline = text.substring(0, start).strip();
        if (headline.length() < MIN_HEADLINE_CHARS || headline.split("\\s+").length < 2) {
            return Optional.empty();
        }
        String suffix = text.substring(end);
        return OutletNames.siteName(suffix, dash).filter(site -> OutletNames.isListed(site)
                || aliases.lookup(suffix.strip().replaceAll("\\s+", " ")).isEmpty());
    }

    private static String firstLine(String body) {
        if (body == null) {
            return "";
        }
        // Only a headline-length line matters, so a long body is not copied.
        String text = body.substring(0, Math.min(body.length(), 4 * MAX_HEADLINE_CHARS)).stripLeading();
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
