package io.storyline.nlp.dateline;

import io.storyline.nlp.text.TabSeparatedRows;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What may be an outlet's name, and the one name it is counted under ({@code outlets.tsv}). The judgements are
 * deliberately narrow: a credit that may be a person ("Reporter Wang Xiujun", "Wang Xiujun") is not an outlet.
 */
final class OutletNames {
    /** The most words an outlet's name may have (connectors such as "of" not counted). */
    static final int MAX_WORDS = 4;
    static final int MAX_CHARS = 40;

    /** Words that make a credit a byline, a role or an edition note rather than an outlet. */
    private static final Set<String> NOT_OUTLET_WORDS = Set.of("reporter", "reporters", "correspondent",
            "correspondents", "by", "staff", "writer", "writers", "editor", "editors", "editing", "reporting",
            "journalist", "journalists", "photo", "photos", "photographer", "video", "videos", "update", "updated",
            "updates", "corrected", "correction", "recasts", "adds", "interview", "opinion", "analysis", "exclusive",
            "live", "file", "special", "intern", "trainee", "compiled", "translated", "translation", "contributor",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "local", "time", "gmt",
            "utc", "est", "edt", "pst", "pdt", "cet");

    /** Words outlets are named with: a multi-word credit needs one of them (or to be a listed outlet). */
    private static final Set<String> OUTLET_WORDS = Set.of("news", "newswire", "newswires", "agency", "agence",
            "agencia", "agenzia", "press", "presse", "service", "wire", "times", "post", "daily", "herald", "journal",
            "tribune", "telegraph", "gazette", "chronicle", "observer", "guardian", "express", "mirror", "mail",
            "radio", "tv", "television", "media", "network", "broadcasting", "channel", "online", "today", "insider",
            "newsweek", "magazine", "weekly");

    /** Words that may be lower case inside a name: "Voice of America", "Press Trust of India". */
    private static final Set<String> CONNECTORS = Set.of("of", "the", "and", "&", "for", "de", "du", "des", "la",
            "el", "al", "on");

    /** Section names sites put after a headline: not the site. */
    private static final Set<String> SECTIONS = Set.of("news", "world", "world news", "latest news", "breaking news",
            "top stories", "top news", "politics", "business", "economy", "markets", "sport", "sports", "opinion",
            "analysis", "live", "video", "videos", "photos", "home", "tech", "technology", "science", "health",
            "entertainment", "culture", "lifestyle", "europe", "asia", "africa", "americas", "middle east", "us",
            "uk", "explainer", "review", "interview", "editorial", "podcast", "exclusive", "update", "updates");

    /** A capitalised word: "Xinhua", "AFP", "France-Presse", "RT.com"; or a number inside a name ("France 24"). */
    private static final Pattern WORD = Pattern.compile("\\p{Lu}[\\p{L}\\p{N}.'’&+-]*");
    private static final Pattern NUMBER = Pattern.compile("\\p{N}{1,4}");
    private static final Pattern CREDIT_CHARS = Pattern.compile("[\\p{L}\\p{N} .&'’+-]+");

    private static final Map<String, String> CANONICAL = load();

    private OutletNames() {
    }

    /** The listed name {@code name} stands for, else the name as written (spaces folded). */
    static String canonical(String name) {
        String written = name.strip().replaceAll("\\s+", " ");
        String known = CANONICAL.get(key(written));
        return known != null ? known : written;
    }

    static boolean isListed(String name) {
        return CANONICAL.containsKey(key(name.strip().replaceAll("\\s+", " ")));
    }

    /**
     * The outlet a dateline's parenthesis credits ("Xinhua", "AP", "Reuters"), or empty for a byline
     * ("Reporter Wang Xiujun"), a person ("Wang Xiujun"), a note ("Updated") or anything not a short name.
     */
    static Optional<String> credit(String parenthesised) {
        if (parenthesised == null) {
            return Optional.empty();
        }
        String credit = parenthesised.strip().replaceAll("\\s+", " ");
        if (credit.isEmpty() || credit.length() > MAX_CHARS || !CREDIT_CHARS.matcher(credit).matches()) {
            return Optional.empty();
        }
        if (isListed(credit)) {
            return Optional.of(canonical(credit));
        }
        String[] words = credit.split(" ");
        if (!isName(words)) {
            return Optional.empty();
        }
        // A single capitalised word after a dateline is how wires credit themselves ("(Xinhua)", "(IANS)");
        // two or more are a person's name unless they name an outlet ("(Kyodo News)" is one, "(Wang Xiujun)" is not).
        if (words.length == 1 || hasOutletWord(words)) {
            return Optional.of(canonical(credit));
        }
        return Optional.empty();
    }

    /** The agency a dateline starts with ("China News Agency", "Xinhua News Agency" = "Xinhua"), if it is a name. */
    static Optional<String> agency(String prefix) {
        if (prefix == null) {
            return Optional.empty();
        }
        String agency = prefix.strip().replaceAll("\\s+", " ");
        if (agency.length() > MAX_CHARS + 20 || !isName(agency.split(" "))
                || SECTIONS.contains(agency.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(canonical(agency));
    }

    /**
     * Whether the text after a headline's final separator is a site name: 1–4 capitalised words (connectors
     * and numbers aside), no byline or note word, not a bare section ("World", "Politics"). After a dash the
     * name must also be a listed outlet or contain an outlet word: headlines use dashes for attribution too
     * ("Russia to cut gas supplies - Gazprom").
     */
    static Optional<String> siteName(String suffix, boolean afterDash) {
        String site = suffix.strip().replaceAll("\\s+", " ");
        if (site.isEmpty() || site.length() > MAX_CHARS || site.matches(".*[.?!:;,…\"“”]$")) {
            return Optional.empty();
        }
        if (isListed(site)) {
            return Optional.of(canonical(site));
        }
        String[] words = site.split(" ");
        if (!isName(words) || SECTIONS.contains(site.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (afterDash && !hasOutletWord(words)) {
            return Optional.empty();
        }
        return Optional.of(canonical(site));
    }

    /** 1–4 capitalised words (plus connectors inside and numbers after the first), none a byline or note word. */
    private static boolean isName(String[] words) {
        int capitalised = 0;
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (NOT_OUTLET_WORDS.contains(w.toLowerCase(Locale.ROOT))) {
                return false;
            }
            if (WORD.matcher(w).matches()) {
                capitalised++;
            } else if (i == 0) {
                return false;
            } else if (!NUMBER.matcher(w).matches() && !(i < words.length - 1 && CONNECTORS.contains(w))) {
                return false;
            }
        }
        return capitalised >= 1 && capitalised <= MAX_WORDS && words.length <= MAX_WORDS + 2;
    }

    private static boolean hasOutletWord(String[] words) {
        for (String w : words) {
            if (OUTLET_WORDS.contains(w.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static String key(String name) {
        String k = name.toLowerCase(Locale.ROOT);
        return k.startsWith("the ") ? k.substring(4) : k;
    }

    private static Map<String, String> load() {
        Map<String, String> names = new HashMap<>();
        for (String[] fields : TabSeparatedRows.resource(OutletNames.class, "outlets.tsv", 2)) {
            String canonical = fields[0].strip();
            names.putIfAbsent(key(canonical), canonical);
            for (String form : fields[1].split("\\|")) {
                if (!form.isBlank()) {
                    names.putIfAbsent(key(form.strip()), canonical);
                }
            }
        }
        return Collections.unmodifiableMap(names);
    }
}
