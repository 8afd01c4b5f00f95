package io.storyline.dedupe.story;

import java.util.ArrayList;
import java.util.List;

/**
 * An event's headline: the title of the original member (not a near-duplicate copy) closest to the event's content
 * and title centroids, each member's content known by its {@link #CANDIDATE_TERMS} heaviest terms; until an original
 * has a title, the first copy's.
 */
final class HeadlineChoice {
    /**
     * Content terms kept per candidate. A candidate's full content vector (~120 terms, ~1.4 KB) was the largest
     * holder of a week's window (bench-window.sh); its heaviest terms decide which member is most central as well.
     */
    static final int CANDIDATE_TERMS = 24;

    private record Candidate(String articleId, String title, TermVector body, TermVector titleTerms) {
    }

    private final List<Candidate> originals = new ArrayList<>();
    private String headline;
    private String articleId;

    /** An original joined: perhaps it, or another member, now represents the event best. */
    void addOriginal(ArticleProfile article, Centroid body, Centroid title, DocumentFrequencies termIdf) {
        originals.add(new Candidate(article.id, article.enriched.article().title(), article.body.top(CANDIDATE_TERMS), article.title));
        choose(body, title, termIdf);
    }

    void addDuplicate(ArticleProfile article) {
        if (headline == null) {
            headline = article.enriched.article().title();
            articleId = article.id;
        }
    }

    /** A new revision of a member: if it is the headline's article, its new title is the headline. */
    void revise(ArticleProfile article) {
        if (article.id.equals(articleId)) {
            headline = article.enriched.article().title();
        }
    }

    String headline() {
        return headline;
    }

    String articleId() {
        return articleId;
    }

    private void choose(Centroid body, Centroid title, DocumentFrequencies termIdf) {
        // choosing costs a pass over all originals, so an event re-chooses at powers of two and then every quarter
        // doubling (at least every 32nd original): a few passes per doubling keep the total linear in the event's
        // size, where every 32nd original made an event of 3,000 originals cost 140,000 comparisons, now 15,000
        int n = originals.size();
        if (headline != null && n > 8 && Integer.bitCount(n) != 1 && n % Math.max(32, Integer.highestOneBit(n) / 4) != 0) {
            return;
        }
        List<Candidate> titled = new ArrayList<>(n);
        List<TermVector.Query> bodies = new ArrayList<>(n);
        List<TermVector.Query> titles = new ArrayList<>(n);
        for (Candidate member : originals) {
            if (member.title() != null && !member.title().isBlank()) {
                titled.add(member);
                bodies.add(member.body().query(termIdf));
                titles.add(member.titleTerms().query(termIdf));
            }
        }
        double[] bodyFit = body.cosines(bodies, termIdf);
        double[] titleFit = title.cosines(titles, termIdf);
        Candidate best = null;
        double bestScore = -1;
        for (int i = 0; i < titled.size(); i++) {
            double score = bodyFit[i] + 0.5 * titleFit[i];
            if (score > bestScore) {
                bestScore = score;
                best = titled.get(i);
            }
        }
        if (best != null) {
            headline = best.title();
            articleId = best.articleId();
        }
    }
}
