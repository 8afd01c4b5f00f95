package io.storyline.dedupe.bench;

import io.storyline.dedupe.bench.SeedCorpus.SourceArticle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns real articles into a labelled stream of wire copies and hard negatives.
 * <p>
 * Each real article is an original published by an agency; its copies are republished by outlets with the
 * edits wire copies get: headline rewritten, first or last paragraphs cut, a paragraph of context added,
 * sentences reordered, typos, the outlet's own header/footer boilerplate and HTML leftovers. Hard negatives
 * are different stories on the same subject: the other real articles of the subject, plus follow-ups that keep
 * a block of an article's paragraphs as background and tell a new story around it.
 * Deterministic for a given seed.
 */
final class WireCopyGenerator {

    /** One article of the stream; {@code group} is the duplicate group (all copies of one story share it). */
    record LabelledArticle(String id, String group, String source, String title, String text, String kind) {
    }

    private static final String[][] OUTLET_BOILERPLATE = {
            {"metro-herald", "METRO HERALD | World", "© 2026 Metro Herald. All rights reserved. This material may not be published, broadcast, rewritten or redistributed."},
            {"daily-ledger", "Sign up for the Daily Ledger morning briefing and get the stories that matter delivered to your inbox every day."},
            {"coastal-times", "Advertisement", "Have a news tip? Contact the Coastal Times newsroom by email or through our secure tip line, day or night."},
            {"valley-post", "Valley Post staff and wire services", "Follow the Valley Post on social media for live updates, photo galleries and breaking news alerts."},
            {"capital-wire", "Share this article: Facebook Twitter Email WhatsApp", "Copyright Capital Wire Media Group. Reproduction in whole or in part without written permission is prohibited."},
            {"northern-echo", "Read more: our full coverage of world news, analysis and opinion is available to subscribers.", "Comments are closed for this article."},
            {"global-digest", "GLOBAL DIGEST", "Global Digest is supported by readers like you. Become a member today and help keep independent journalism free for everyone."},
            {"harbour-news", "This story has been published from a wire agency feed without modifications to the text.", "Harbour News app: download it now for the latest headlines on your phone."},
    };

    private static final String[] HEADLINE_PREFIXES = {"BREAKING: ", "UPDATE: ", "WATCH: ", "", "Analysis: ", "Live: "};
    private static final String[] HTML_BITS = {"<p>", "</p>", "<br/>", "&nbsp;", "<div class=\"article-body\">", "</div>", "&amp;", "<strong>", "</strong>"};

    private final SplittableRandom random;
    private final int copiesPerArticle;

    WireCopyGenerator(long seed, int copiesPerArticle) {
        this.random = new SplittableRandom(seed);
        this.copiesPerArticle = copiesPerArticle;
    }

    List<LabelledArticle> generate(List<SourceArticle> corpus) {
        Map<String, List<SourceArticle>> bySubject = new LinkedHashMap<>();
        for (SourceArticle article : corpus) {
            bySubject.computeIfAbsent(article.subject(), s -> new ArrayList<>()).add(article);
        }
        List<LabelledArticle> stream = new ArrayList<>();
        List<double[]> orderKeys = new ArrayList<>();
        int storyIndex = 0;
        for (SourceArticle article : corpus) {
            String group = "story-" + storyIndex++;
            double start = random.nextDouble();
            add(stream, orderKeys, start, new LabelledArticle(article.id(), group, "wire-agency",
                    article.title(), article.text(), "original"));
            for (int c = 0; c < copiesPerArticle; c++) {
                String[] outlet = OUTLET_BOILERPLATE[random.nextInt(OUTLET_BOILERPLATE.length)];
                String text = copyText(article, bySubject.get(article.subject()), outlet);
                // copies follow the original within a short span; the original is usually, not always, first
                double when = start + random.nextDouble() * 0.05 - 0.005;
                add(stream, orderKeys, when, new LabelledArticle(article.id() + "-copy" + c, group, outlet[0],
                        rewriteHeadline(article.title()), text, "copy"));
            }
        }
        int followUps = 0;
        for (List<SourceArticle> subject : bySubject.values()) {
            if (subject.size() < 2) {
                continue;
            }
            for (SourceArticle background : subject) {
                String text = followUp(background, subject);
                if (text != null) {
                    add(stream, orderKeys, random.nextDouble(), new LabelledArticle(background.id() + "-followup",
                            "followup-" + followUps++, "wire-agency", "Follow-up: " + background.title(), text,
                            "hard-negative"));
                }
            }
        }
        Integer[] order = new Integer[stream.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> orderKeys.get(i)[0]));
        List<LabelledArticle> ordered = new ArrayList<>(order.length);
        for (Integer i : order) {
            ordered.add(stream.get(i));
        }
        return ordered;
    }

    private static void add(List<LabelledArticle> stream, List<double[]> keys, double when, LabelledArticle article) {
        stream.add(article);
        keys.add(new double[]{when});
    }

    private String copyText(SourceArticle article, List<SourceArticle> subject, String[] outlet) {
        List<String> paragraphs = new ArrayList<>(article.paragraphs());
        if (paragraphs.size() > 3 && random.nextDouble() < 0.3) {
            paragraphs.remove(0); // dateline / first paragraph cut
        }
        double ending = random.nextDouble();
        if (paragraphs.size() > 3 && ending < 0.25) {
            // cut to fit: inverted-pyramid stories lose their last third or more
            int keep = (int) Math.ceil(paragraphs.size() * (0.55 + random.nextDouble() * 0.15));
            paragraphs.subList(keep, paragraphs.size()).clear();
        } else if (paragraphs.size() > 3 && ending < 0.7) {
            int cut = 1 + random.nextInt(Math.max(1, paragraphs.size() / 4));
            paragraphs.subList(paragraphs.size() - cut, paragraphs.size()).clear(); // trimmed ending
        }
        int added = random.nextDouble() < 0.4 ? 1 + random.nextInt(2) : 0;
        for (int i = 0; i < added; i++) { // the outlet's own context, taken from another story on the subject
            SourceArticle other = subject.get(random.nextInt(subject.size()));
            String context = other.paragraphs().get(random.nextInt(other.paragraphs().size()));
            paragraphs.add(random.nextInt(paragraphs.size() + 1), context);
        }
        if (random.nextDouble() < 0.3) {
            for (int i = 0; i < paragraphs.size(); i++) {
                paragraphs.set(i, reorderSentences(paragraphs.get(i)));
            }
        }
        if (random.nextDouble() < 0.5) {
            double rate = 0.005 + random.nextDouble() * 0.02;
            paragraphs.replaceAll(p -> typos(p, rate));
        }
        if (random.nextDouble() < 0.3) {
            paragraphs.replaceAll(this::htmlLeftovers);
        }
        List<String> lines = new ArrayList<>();
        if (outlet.length > 2) {
            lines.add(outlet[1]);
        }
        lines.addAll(paragraphs);
        lines.add(outlet[outlet.length - 1]);
        return String.join("\n\n", lines);
    }

    /**
     * A different story on the subject: a development of {@code background} that keeps a block of 20-45% of its
     * paragraphs as background and tells the rest, at least as long again, from other stories on the subject
     * (at most a fifth of any one of them). Updates like this share text with the story but are not copies.
     */
    private String followUp(SourceArticle background, List<SourceArticle> subject) {
        List<String> source = background.paragraphs();
        int keep = Math.max(1, (int) Math.round(source.size() * (0.2 + random.nextDouble() * 0.25)));
        int from = random.nextInt(source.size() - keep + 1);
        List<String> kept = source.subList(from, from + keep);
        int keptWords = String.join(" ", kept).split("\\s+").length;
        int wantedWords = Math.max(keptWords, background.words() - keptWords);
        List<int[]> pool = new ArrayList<>();
        for (int a = 0; a < subject.size(); a++) {
            if (subject.get(a) != background) {
                for (int p = 0; p < subject.get(a).paragraphs().size(); p++) {
                    pool.add(new int[]{a, p});
                }
            }
        }
        for (int i = pool.size() - 1; i > 0; i--) {
            java.util.Collections.swap(pool, i, random.nextInt(i + 1));
        }
        int[] taken = new int[subject.size()];
        List<String> fresh = new ArrayList<>();
        int freshWords = 0;
        for (int[] pick : pool) {
            if (freshWords >= wantedWords) {
                break;
            }
            SourceArticle other = subject.get(pick[0]);
            if (taken[pick[0]] < Math.max(1, other.paragraphs().size() / 5)) {
                taken[pick[0]]++;
                String paragraph = other.paragraphs().get(pick[1]);
                fresh.add(paragraph);
                freshWords += paragraph.split("\\s+").length;
            }
        }
        if (freshWords < keptWords) {
            return null; // not enough other material on the subject to make it a different story
        }
        List<String> paragraphs = new ArrayList<>(fresh.subList(0, Math.min(2, fresh.size()))); // new lead
        paragraphs.addAll(kept);
        paragraphs.addAll(fresh.subList(Math.min(2, fresh.size()), fresh.size()));
        return String.join("\n\n", paragraphs);
    }

    private String rewriteHeadline(String title) {
        String[] words = title.split("\\s+");
        if (words.length > 3 && random.nextBoolean()) {
            // drop a word and move the tail to the front, as sub-editors do
            int cut = 1 + random.nextInt(words.length - 2);
            String tail = String.join(" ", Arrays.copyOfRange(words, cut + 1, words.length));
            String head = String.join(" ", Arrays.copyOfRange(words, 0, cut));
            title = tail + ": " + head;
        }
        return HEADLINE_PREFIXES[random.nextInt(HEADLINE_PREFIXES.length)] + title;
    }

    private String reorderSentences(String paragraph) {
        String[] sentences = paragraph.split("(?<=[.!?])\\s+");
        if (sentences.length < 2 || random.nextDouble() < 0.5) {
            return paragraph;
        }
        int i = random.nextInt(sentences.length - 1);
        String s = sentences[i];
        sentences[i] = sentences[i + 1];
        sentences[i + 1] = s;
        return String.join(" ", sentences);
    }

    private String typos(String paragraph, double rate) {
        StringBuilder out = new StringBuilder(paragraph.length());
        for (String word : paragraph.split(" ", -1)) {
            if (out.length() > 0) {
                out.append(' ');
            }
            if (word.length() > 3 && random.nextDouble() < rate) {
                int at = 1 + random.nextInt(word.length() - 2);
                switch (random.nextInt(3)) {
                    case 0 -> word = word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
                    case 1 -> word = word.substring(0, at) + word.substring(at + 1);
                    default -> word = word.substring(0, at) + word.charAt(at) + word.substring(at);
                }
            }
            out.append(word);
        }
        return out.toString();
    }

    private String htmlLeftovers(String paragraph) {
        if (random.nextDouble() < 0.5) {
            return paragraph;
        }
        int space = paragraph.indexOf(' ', random.nextInt(Math.max(1, paragraph.length())));
        String bit = HTML_BITS[random.nextInt(HTML_BITS.length)];
        if (space < 0) {
            return bit + paragraph;
        }
        return paragraph.substring(0, space) + " " + bit + paragraph.substring(space);
    }
}
