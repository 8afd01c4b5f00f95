package io.storyline.dedupe.story;

import io.storyline.events.EnrichedArticle;
import io.storyline.events.MembershipReason;
import io.storyline.events.Story;
import io.storyline.events.Storyline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Online clustering on two levels: each article joins the open <b>event</b> it fits best by {@link SameEventRule},
 * or starts one; each new event joins the open <b>storyline</b> it fits best by {@link StorylineRule}, or starts one.
 * A near-duplicate always joins its original's event.
 * <p>
 * Articles are compared with event centroids of TF-IDF sub-vectors (content, lead, actors, places, numbers; after
 * Miranda et al., EMNLP 2018), IDF learnt from the stream. Candidates come from inverted indexes over entities and
 * salient terms. Everything is decided from the input alone (no wall clock, no randomness, no hash-order iteration),
 * so replaying the same input rebuilds the same events and storylines.
 * <p>
 * Not thread-safe: one instance serves one ordered stream.
 */
public final class StoryClusterer {
    private static final int REASON_ENTITIES = 5;

    private final StorySettings settings;
    private final SameEventRule eventRule;
    private final StorylineRule storylineRule;
    private final Map<String, DocumentFrequencies> termIdf = new HashMap<>();
    private final Map<String, DocumentFrequencies> keyIdf = new HashMap<>();
    private final Vocabulary termVocabulary = new Vocabulary();
    private final Vocabulary keyVocabulary = new Vocabulary();
    private final StoryIndex<OpenStory> index = new StoryIndex<>();
    private final StoryIndex<OpenStoryline> storylineIndex = new StoryIndex<>();
    private final Map<String, OpenStory> storyOfArticle = new HashMap<>();
    private final Map<String, OpenStory> storiesById = new HashMap<>();
    private final Map<String, OpenStoryline> storylinesById = new HashMap<>();
    private final TreeSet<OpenStory> byActivity = new TreeSet<>(
            Comparator.comparing(OpenStory::lastActivity, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparingLong(s -> s.sequence));
    private final TreeSet<OpenStoryline> storylinesByActivity = new TreeSet<>(
            Comparator.comparing(OpenStoryline::lastActivity, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparingLong(s -> s.sequence));
    private long nextSequence;
    private Instant streamTime;

    /**
     * Where an article went.
     *
     * @param storyId            its event
     * @param storylineId        that event's storyline
     * @param reason             why it is there
     * @param duplicateOf        the member it is a near-duplicate of, when it joined as one
     * @param changedStories     event snapshots to publish: events closed by this step first, then the one that changed
     * @param changedStorylines  storyline snapshots to publish, after the events: each storyline one of them belongs to
     */
    public record Placement(String storyId, String storylineId, MembershipReason reason, String duplicateOf,
                            List<Story> changedStories, List<Storyline> changedStorylines) {
    }

    public StoryClusterer(StorySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.eventRule = settings.events();
        this.storylineRule = settings.storylines();
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
     * Changes the state exactly as {@link #place} would (events, storylines, indexes, document frequencies, snapshot
     * versions) but builds no snapshot: restoring state by replaying the input discards them, and they are most of
     * the cost. The placement's snapshot lists are empty.
     */
    public Placement replay(EnrichedArticle article, String duplicateOf, Double duplicateSimilarity) {
        return decide(article, duplicateOf, duplicateSimilarity, Instant.EPOCH, false);
    }

    /** What one step changed, in the order its snapshots go out. */
    private final class Changes {
        final Instant now;
        final boolean publish;
        final List<Story> stories = new ArrayList<>();
        final Map<String, OpenStoryline> touched = new LinkedHashMap<>();
        final List<Storyline> closedStorylines = new ArrayList<>();

        Changes(Instant now, boolean publish) {
            this.now = now;
            this.publish = publish;
        }

        void event(OpenStory story, Story.Status status) {
            if (publish) {
                stories.add(story.snapshot(status, now, settings.summaryEntities()));
            } else {
                story.skipSnapshot(status);
            }
            if (story.storyline != null) {
                touched.putIfAbsent(story.storyline.id, story.storyline);
            }
        }

        List<Storyline> storylines() {
            List<Storyline> out = new ArrayList<>(closedStorylines);
            for (OpenStoryline line : touched.values()) {
                if (publish) {
                    out.add(line.snapshot(Story.Status.OPEN, now, settings.summaryEntities()));
                } else {
                    line.skipSnapshot();
                }
            }
            return out;
        }
    }

    private Placement decide(EnrichedArticle article, String duplicateOf, Double duplicateSimilarity, Instant now,
                             boolean publish) {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(article.article(), "article.article");
        Objects.requireNonNull(article.article().id(), "article id");
        ArticleProfile profile = ArticleProfile.of(article, termVocabulary, keyVocabulary);
        Changes changes = new Changes(now, publish);
        closeQuiet(profile.time.arrival(), changes);

        OpenStory known = storyOfArticle.get(profile.id);
        if (known != null) {
            return revisit(known, profile, changes);
        }

        OpenStory original = duplicateOf == null ? null : storyOfArticle.get(duplicateOf);
        if (original != null) {
            double similarity = duplicateSimilarity == null ? 1.0 : duplicateSimilarity;
            List<String> shared = original.sharedEntities(profile);
            MembershipReason reason = MembershipReason.of(MembershipReason.Kind.NEAR_DUPLICATE, similarity, similarity,
                    overlap(shared, profile), top(shared));
            touch(original, () -> original.addDuplicate(profile, duplicateOf, reason));
            storyOfArticle.put(profile.id, original);
            touchLine(original.storyline, () -> original.storyline.update(original, 1));
            changes.event(original, Story.Status.OPEN);
            return placement(original, reason, duplicateOf, changes);
        }

        DocumentFrequencies terms = termIdf.computeIfAbsent(profile.language, l -> new DocumentFrequencies());
        DocumentFrequencies keys = keyIdf.computeIfAbsent(profile.language, l -> new DocumentFrequencies());
        terms.add(profile.body);
        keys.add(profile.actors);
        keys.add(profile.places);
        keys.add(profile.numbers);
        List<String> indexKeys = profile.indexKeys(settings.retrievalEntities(), settings.retrievalTerms(), terms);
        SameEventRule.Queries queries = SameEventRule.Queries.of(profile, terms, keys);

        Match best = bestEvent(profile, queries, index.candidates(indexKeys, settings.maxPostings(), settings.maxCandidates()), terms, keys);

        OpenStory story;
        MembershipReason reason;
        if (best != null && best.score >= eventRule.threshold()) {
            story = best.story;
            List<String> shared = story.sharedEntities(profile);
            reason = new MembershipReason(MembershipReason.Kind.SIMILAR, best.score, best.parts.part("content"),
                    overlap(shared, profile), top(shared), rounded(best.parts.parts(), best.score / Math.max(1e-12, best.parts.total())),
                    best.parts.timeGapDays() == null ? null : round(best.parts.timeGapDays()), null);
        } else {
            story = new OpenStory(nextSequence++, newId("story-", profile, storiesById), profile.language);
            storiesById.put(story.id, story);
            double lineScore = linkStoryline(story, profile, queries, indexKeys, terms, keys);
            // what the nearest event it did not reach scored, so an operator can see why it stands alone
            Map<String, Double> nearest = new LinkedHashMap<>();
            if (best != null) {
                nearest.put("nearest", round(best.score));
                nearest.putAll(rounded(best.parts.parts(), best.score / Math.max(1e-12, best.parts.total())));
            }
            reason = new MembershipReason(MembershipReason.Kind.NEW_STORY, 1.0, 1.0, 1.0, List.of(), nearest,
                    best == null || best.parts.timeGapDays() == null ? null : round(best.parts.timeGapDays()), round(lineScore));
        }
        final OpenStory target = story;
        final MembershipReason why = reason;
        touch(target, () -> target.addOriginal(profile, why, settings, terms));
        index.file(target, indexKeys);
        storyOfArticle.put(profile.id, target);
        OpenStoryline line = target.storyline;
        touchLine(line, () -> {
            line.addOriginal(profile, settings.maxCentroidTerms());
            line.update(target, 1);
        });
        storylineIndex.file(line, indexKeys);
        changes.event(target, Story.Status.OPEN);
        return placement(target, reason, null, changes);
    }

    /** Links a new event to the best open storyline, or starts one; returns the score it linked with (1 if it started one). */
    private double linkStoryline(OpenStory event, ArticleProfile profile, SameEventRule.Queries queries, List<String> indexKeys,
                                 DocumentFrequencies terms, DocumentFrequencies keys) {
        OpenStoryline best = null;
        double bestScore = -1;
        for (OpenStoryline candidate : storylineIndex.candidates(indexKeys, settings.maxPostings(), settings.maxCandidates())) {
            double score = storylineRule.score(queries, profile, candidate, terms, keys);
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        if (best != null && bestScore >= storylineRule.threshold()) {
            event.storyline = best;
            return bestScore;
        }
        OpenStoryline line = new OpenStoryline(nextSequence++, newId("storyline-", profile, storylinesById), profile.language);
        storylinesById.put(line.id, line);
        event.storyline = line;
        return 1.0;
    }

    private Placement placement(OpenStory story, MembershipReason reason, String duplicateOf, Changes changes) {
        return new Placement(story.id, story.storyline.id, reason, duplicateOf, changes.stories, changes.storylines());
    }

    public int openStories() {
        return storiesById.size();
    }

    public int openStorylines() {
        return storylinesById.size();
    }

    /** The open event an article belongs to, if it is still in memory. */
    public Optional<String> storyOf(String articleId) {
        OpenStory story = storyOfArticle.get(articleId);
        return story == null ? Optional.empty() : Optional.of(story.id);
    }

    /** The latest arrival time seen: the stream's own clock. */
    public Optional<Instant> streamTime() {
        return Optional.ofNullable(streamTime);
    }

    /**
     * Closes, and forgets, the events nothing joined for the quiet period before {@code arrival} and the storylines
     * none of whose events changed for theirs; moves the stream clock forward (never back). Returns the closed
     * events' snapshots; their storylines' snapshots are in {@code storylines}.
     */
    public List<Story> closeQuietStories(Instant arrival, Instant now, List<Storyline> storylines) {
        Changes changes = new Changes(now, true);
        closeQuiet(arrival, changes);
        storylines.addAll(changes.storylines());
        return changes.stories;
    }

    private void closeQuiet(Instant arrival, Changes changes) {
        if (arrival != null && (streamTime == null || arrival.isAfter(streamTime))) {
            streamTime = arrival;
        }
        if (streamTime == null) {
            return;
        }
        Instant cutoff = streamTime.minus(settings.quietPeriod());
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
            changes.event(oldest, Story.Status.CLOSED);
            OpenStoryline line = oldest.storyline;
            touchLine(line, () -> line.update(oldest, 0));
        }
        Instant lineCutoff = streamTime.minus(storylineRule.quietPeriod());
        while (!storylinesByActivity.isEmpty()) {
            OpenStoryline oldest = storylinesByActivity.first();
            if (oldest.lastActivity() == null || !oldest.lastActivity().isBefore(lineCutoff)) {
                break;
            }
            storylinesByActivity.pollFirst();
            storylineIndex.remove(oldest);
            storylinesById.remove(oldest.id);
            changes.touched.remove(oldest.id);
            if (changes.publish) {
                changes.closedStorylines.add(oldest.snapshot(Story.Status.CLOSED, changes.now, settings.summaryEntities()));
            } else {
                oldest.skipSnapshot();
            }
        }
    }

    private Placement revisit(OpenStory story, ArticleProfile profile, Changes changes) {
        Story.StoryMember before = story.member(profile.id);
        MembershipReason reason = before.reason();
        String duplicateOf = before.duplicateOf();
        var a = profile.enriched.article();
        if (Objects.equals(before.title(), a.title()) && Objects.equals(before.url(), a.url())) {
            // a redelivery: the event and its storyline are as they were, publish the same snapshots again
            List<Story> again = changes.publish ? List.of(story.currentSnapshot(changes.now, settings.summaryEntities())) : List.of();
            List<Storyline> lines = changes.publish ? List.of(story.storyline.currentSnapshot(changes.now, settings.summaryEntities())) : List.of();
            List<Story> stories = new ArrayList<>(changes.stories);
            stories.addAll(again);
            List<Storyline> storylines = new ArrayList<>(changes.storylines());
            storylines.addAll(lines);
            return new Placement(story.id, story.storyline.id, reason, duplicateOf, stories, storylines);
        }
        story.reviseMember(profile);
        OpenStoryline line = story.storyline;
        touchLine(line, () -> line.update(story, 0));
        changes.event(story, Story.Status.OPEN);
        return new Placement(story.id, line.id, reason, duplicateOf, changes.stories, changes.storylines());
    }

    private record Match(OpenStory story, double score, SameEventRule.Score parts) {
    }

    /**
     * The candidate event with the highest score (the first of equals, in retrieval order), whether or not it reaches
     * the threshold: a new event's explanation names its nearest miss.
     * <p>
     * An article known only by when it was received cannot be placed in time, but it was written after the event it
     * reports, and news follows events closely: among the dated events it matches, an older event is less likely its
     * subject than the latest one. Each dated candidate's score decays with how far its dated range lies before the
     * latest dated candidate's, on the same scale as dated evidence. With one candidate, or none dated, nothing
     * changes; dated articles are untouched.
     */
    private Match bestEvent(ArticleProfile article, SameEventRule.Queries queries, List<OpenStory> candidates,
                            DocumentFrequencies terms, DocumentFrequencies keys) {
        List<OpenStory> inTime = new ArrayList<>(candidates.size());
        List<SameEventRule.TimeFit> fits = new ArrayList<>(candidates.size());
        for (OpenStory candidate : candidates) {
            SameEventRule.TimeFit fit = eventRule.timeFit(article.time, candidate.time);
            if (fit.factor() >= eventRule.threshold()) {
                inTime.add(candidate);
                fits.add(fit);
            }
        }
        Instant latest = null;
        if (!article.time.evidence().datesTheEvent() && inTime.size() >= 2) {
            latest = inTime.stream().map(OpenStory::datedLast).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
        }
        Match best = null;
        for (int i = 0; i < inTime.size(); i++) {
            OpenStory candidate = inTime.get(i);
            Instant dated = candidate.datedLast();
            double recency = latest == null || dated == null ? 1.0
                    : eventRule.decay(latest.getEpochSecond() - dated.getEpochSecond(), eventRule.timeGrace(), eventRule.timeScale());
            SameEventRule.Score score = eventRule.score(article, queries, candidate, terms, keys, fits.get(i), recency,
                    best == null ? -1 : best.score);
            if (score != null && (best == null || score.total() * recency > best.score)) {
                best = new Match(candidate, score.total() * recency, score);
            }
        }
        return best;
    }

    private void touch(OpenStory story, Runnable change) {
        // the activity order is keyed on lastActivity, so the event leaves the set while it changes
        byActivity.remove(story);
        change.run();
        byActivity.add(story);
    }

    private void touchLine(OpenStoryline line, Runnable change) {
        storylinesByActivity.remove(line);
        change.run();
        storylinesByActivity.add(line);
    }

    private String newId(String prefix, ArticleProfile profile, Map<String, ?> taken) {
        int revision = profile.enriched.article().revision();
        String id = prefix + profile.id + (revision > 1 ? "-r" + revision : "");
        return taken.containsKey(id) ? id + "-" + nextSequence : id;
    }

    /** The parts of a score as published: rounded, and the time part as the factor actually applied. */
    private static Map<String, Double> rounded(Map<String, Double> parts, double timeAdjust) {
        Map<String, Double> out = new LinkedHashMap<>();
        parts.forEach((k, v) -> out.put(k, round(k.equals("time") ? v * timeAdjust : v)));
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static List<String> top(List<String> shared) {
        return List.copyOf(shared.subList(0, Math.min(REASON_ENTITIES, shared.size())));
    }

    private static double overlap(List<String> shared, ArticleProfile article) {
        long distinct = article.entityList.stream().map(e -> EntityKeys.key(e.canonical(), e.type())).filter(Objects::nonNull).distinct().count();
        return distinct == 0 ? 0 : Math.min(1.0, (double) shared.size() / distinct);
    }
}
