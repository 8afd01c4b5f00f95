package io.storyline.dedupe.story;

import io.storyline.events.EnrichedArticle;
import io.storyline.events.MembershipReason;
import io.storyline.events.Story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Online story clustering: each article joins the open story it fits best, above a threshold, or starts a story.
 * <p>
 * Following Miranda et al. (EMNLP 2018), an article is compared with story centroids of three TF-IDF sub-vectors
 * (content terms, headline tokens, canonical entities), IDF learnt from the stream. Unlike there, time is weighed by
 * how it is known: a dateline or feed time is compared strictly with the story's dated range (events are short),
 * while a mere receipt time cannot split a story. Candidates come from an inverted index over entities and salient
 * terms. Everything is decided from the input alone (no wall clock, no randomness, no hash-order iteration), so
 * replaying the same input rebuilds the same stories.
 * <p>
 * Not thread-safe: one instance serves one ordered stream.
 */
public final class StoryClusterer {
    private static final int REASON_ENTITIES = 5;

    private final StorySettings settings;
    private final Map<String, DocumentFrequencies> termIdf = new HashMap<>();
    private final Map<String, DocumentFrequencies> entityIdf = new HashMap<>();
    private final Vocabulary termVocabulary = new Vocabulary();
    private final Vocabulary entityVocabulary = new Vocabulary();
    private final StoryIndex index = new StoryIndex();
    private final Map<String, OpenStory> storyOfArticle = new HashMap<>();
    private final Map<String, OpenStory> storiesById = new HashMap<>();
    private final TreeSet<OpenStory> byActivity = new TreeSet<>(
            Comparator.comparing(OpenStory::lastActivity, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparingLong(s -> s.sequence));
    private long nextSequence;
    private Instant streamTime;

    /**
     * Where an article went.
     *
     * @param storyId        its story
     * @param reason         why it is there
     * @param duplicateOf    the member it is a near-duplicate of, when it joined as one
     * @param changedStories snapshots to publish: stories closed by this step first, then the story that changed
     */
    public record Placement(String storyId, MembershipReason reason, String duplicateOf, List<Story> changedStories) {
    }

    public StoryClusterer(StorySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Places one article.
     *
     * @param article             the enriched article
     * @param duplicateOf         id of an earlier original it is a near-duplicate of, or null
     * @param duplicateSimilarity estimated Jaccard similarity with that original, or null
     * @param now                 only stamped on the snapshots' updatedAt, never used to decide
     */
    public Placement place(EnrichedArticle article, String duplicateOf, Double duplicateSimilarity, Instant now) {
        return decide(article, duplicateOf, duplicateSimilarity, now, true);
    }

    /**
     * Changes the state exactly as {@link #place} would (stories, index, document frequencies, snapshot versions)
     * but builds no snapshot: restoring state by replaying the input discards them, and they are most of the cost.
     * The placement's {@code changedStories} is empty.
     */
    public Placement replay(EnrichedArticle article, String duplicateOf, Double duplicateSimilarity) {
        return decide(article, duplicateOf, duplicateSimilarity, Instant.EPOCH, false);
    }

    private Placement decide(EnrichedArticle article, String duplicateOf, Double duplicateSimilarity, Instant now,
                             boolean publish) {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(article.article(), "article.article");
        Objects.requireNonNull(article.article().id(), "article id");
        ArticleProfile profile = ArticleProfile.of(article, termVocabulary, entityVocabulary);
        List<Story> changed = new ArrayList<>(closeQuietStories(profile.time.arrival(), now, publish));

        OpenStory known = storyOfArticle.get(profile.id);
        if (known != null) {
            return revisit(known, profile, now, changed, publish);
        }

        OpenStory original = duplicateOf == null ? null : storyOfArticle.get(duplicateOf);
        if (original != null) {
            double similarity = duplicateSimilarity == null ? 1.0 : duplicateSimilarity;
            List<String> shared = original.sharedEntities(profile);
            MembershipReason reason = new MembershipReason(MembershipReason.Kind.NEAR_DUPLICATE, similarity, similarity,
                    overlap(shared, profile), top(shared));
            touch(original, () -> original.addDuplicate(profile, duplicateOf, reason));
            storyOfArticle.put(profile.id, original);
            changedOpen(original, now, publish, changed);
            return new Placement(original.id, reason, duplicateOf, changed);
        }

        DocumentFrequencies terms = termIdf.computeIfAbsent(profile.language, l -> new DocumentFrequencies());
        DocumentFrequencies entities = entityIdf.computeIfAbsent(profile.language, l -> new DocumentFrequencies());
        terms.add(profile.body);
        entities.add(profile.entities);
        List<String> keys = profile.indexKeys(settings, terms);

        Queries queries = new Queries(profile.body.query(terms), profile.title.query(terms), profile.entities.query(entities));
        List<Match> matches = new ArrayList<>();
        for (OpenStory candidate : index.candidates(keys, settings.maxPostings(), settings.maxCandidates())) {
            Match match = score(profile, queries, candidate, terms, entities);
            if (match != null) {
                matches.add(match);
            }
        }
        Match best = null;
        for (Match match : preferLatestEventWhenUndated(profile, matches)) {
            if (best == null || match.score > best.score) {
                best = match;
            }
        }

        OpenStory story;
        MembershipReason reason;
        if (best != null && best.score >= settings.joinThreshold()) {
            story = best.story;
            List<String> shared = story.sharedEntities(profile);
            reason = new MembershipReason(MembershipReason.Kind.SIMILAR, best.score, best.textSimilarity,
                    overlap(shared, profile), top(shared));
        } else {
            story = new OpenStory(nextSequence++, newStoryId(profile), profile.language);
            storiesById.put(story.id, story);
            reason = new MembershipReason(MembershipReason.Kind.NEW_STORY, 1.0, 1.0, 1.0, List.of());
        }
        final OpenStory target = story;
        final MembershipReason why = reason;
        touch(target, () -> target.addOriginal(profile, why, settings, terms));
        index.file(target, keys);
        storyOfArticle.put(profile.id, target);
        changedOpen(target, now, publish, changed);
        return new Placement(target.id, reason, null, changed);
    }

    public int openStories() {
        return storiesById.size();
    }

    /** The open story an article belongs to, if it is still in memory. */
    public Optional<String> storyOf(String articleId) {
        OpenStory story = storyOfArticle.get(articleId);
        return story == null ? Optional.empty() : Optional.of(story.id);
    }

    /** The latest arrival time seen: the stream's own clock. */
    public Optional<Instant> streamTime() {
        return Optional.ofNullable(streamTime);
    }

    /**
     * Closes, and forgets, the stories nothing joined for the quiet period before {@code arrival}, which moves
     * the stream clock forward (never back).
     */
    public List<Story> closeQuietStories(Instant arrival, Instant now) {
        return closeQuietStories(arrival, now, true);
    }

    private List<Story> closeQuietStories(Instant arrival, Instant now, boolean publish) {
        if (arrival != null && (streamTime == null || arrival.isAfter(streamTime))) {
            streamTime = arrival;
        }
        if (streamTime == null) {
            return List.of();
        }
        Instant cutoff = streamTime.minus(settings.quietPeriod());
        List<Story> closed = new ArrayList<>();
        while (!byActivity.isEmpty()) {
            OpenStory oldest = byActivity.first();
            if (oldest.lastActivity() == null || !oldest.lastActivity().isBefore(cutoff)) {
                break;
            }
            byActivity.pollFirst();
            index.remove(oldest);
            storiesById.remove(oldest.id);
            for (Story.StoryMember m : oldest.members()) {
                storyOfArticle.remove(m.articleId(), oldest);
            }
            if (publish) {
                closed.add(oldest.snapshot(Story.Status.CLOSED, now, settings.summaryEntities()));
            }
        }
        return closed;
    }

    /** The story's next snapshot goes out; in a replay only its version moves on, as publishing it would have. */
    private void changedOpen(OpenStory story, Instant now, boolean publish, List<Story> changed) {
        if (publish) {
            changed.add(story.snapshot(Story.Status.OPEN, now, settings.summaryEntities()));
        } else {
            story.skipSnapshot();
        }
    }

    private Placement revisit(OpenStory story, ArticleProfile profile, Instant now, List<Story> changed, boolean publish) {
        MembershipReason reason = story.reasonOf(profile.id);
        String duplicateOf = story.duplicateOfMember(profile.id);
        Story.StoryMember before = story.member(profile.id);
        var a = profile.enriched.article();
        if (Objects.equals(before.title(), a.title()) && Objects.equals(before.url(), a.url())) {
            // a redelivery: the story is as it was, publish the same snapshot again
            if (publish) {
                changed.add(story.currentSnapshot(now, settings.summaryEntities()));
            }
        } else {
            story.reviseMember(profile);
            changedOpen(story, now, publish, changed);
        }
        return new Placement(story.id, reason, duplicateOf, changed);
    }

    private record Match(OpenStory story, double score, double textSimilarity, double title, double entity, double time) {
    }

    private record Queries(TermVector.Query body, TermVector.Query title, TermVector.Query entities) {
    }

    private Match score(ArticleProfile article, Queries queries, OpenStory story, DocumentFrequencies terms,
                        DocumentFrequencies entities) {
        double timeFit = story.timeFit(article.time, settings);
        if (timeFit < settings.joinThreshold()) {
            return null; // even identical text could not reach the threshold
        }
        double wb = settings.bodyWeight();
        double wt = article.title.isEmpty() || story.title.isEmpty() ? 0 : settings.titleWeight();
        double we = article.entities.isEmpty() ? 0 : settings.entityWeight();
        double body = story.body.cosine(queries.body(), terms);
        double title = wt == 0 ? 0 : story.title.cosine(queries.title(), terms);
        double entity = we == 0 ? 0 : story.entities.cosine(queries.entities(), entities);
        double total = wb + wt + we;
        if (total == 0) {
            return null;
        }
        double content = (wb * body + wt * title + we * entity) / total;
        return new Match(story, content * timeFit, body, title, entity, timeFit);
    }

    /**
     * An article known only by when it was received cannot be placed in time, but it was written after the
     * event it reports, and news follows events closely: among the dated stories it matches, an older event is
     * less likely its subject than the latest one. Each dated candidate's score decays with how far its dated
     * range lies before the latest dated candidate's, on the same scale as dated evidence. With one candidate, or
     * none dated, nothing changes; dated articles are untouched.
     */
    private List<Match> preferLatestEventWhenUndated(ArticleProfile article, List<Match> matches) {
        if (article.time.evidence().datesTheEvent() || matches.size() < 2) {
            return matches;
        }
        Instant latest = matches.stream().map(m -> m.story.datedLast()).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
        if (latest == null) {
            return matches;
        }
        List<Match> weighed = new ArrayList<>(matches.size());
        for (Match m : matches) {
            Instant dated = m.story.datedLast();
            double recency = dated == null ? 1.0 : OpenStory.decay(latest.getEpochSecond() - dated.getEpochSecond(), settings.timeGrace(), settings);
            weighed.add(new Match(m.story, m.score * recency, m.textSimilarity, m.title, m.entity, m.time * recency));
        }
        return weighed;
    }

    private void touch(OpenStory story, Runnable change) {
        // the activity order is keyed on lastActivity, so the story leaves the set while it changes
        byActivity.remove(story);
        change.run();
        byActivity.add(story);
    }

    private String newStoryId(ArticleProfile profile) {
        int revision = profile.enriched.article().revision();
        String id = "story-" + profile.id + (revision > 1 ? "-r" + revision : "");
        return storiesById.containsKey(id) ? id + "-" + nextSequence : id;
    }

    private static List<String> top(List<String> shared) {
        return List.copyOf(shared.subList(0, Math.min(REASON_ENTITIES, shared.size())));
    }

    private static double overlap(List<String> shared, ArticleProfile article) {
        long distinct = article.entityList.stream().map(e -> e.canonical()).filter(Objects::nonNull).distinct().count();
        return distinct == 0 ? 0 : Math.min(1.0, (double) shared.size() / distinct);
    }
}
