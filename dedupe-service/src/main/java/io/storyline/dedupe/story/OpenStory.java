package io.storyline.dedupe.story;

import io.storyline.events.EntityType;
import io.storyline.events.MembershipReason;
import io.storyline.events.NamedEntity;
import io.storyline.events.Story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The in-memory state of one story while it can still gain members. */
final class OpenStory {
    /** Most members listed in one snapshot (about 0.5 KB of JSON each). */
    static final int SNAPSHOT_MEMBERS = 250;

    /** Order of creation; used for deterministic tie-breaks and as index posting. */
    final long sequence;
    final String id;
    final String language;

    final Centroid body = new Centroid();
    final Centroid title = new Centroid();
    final Centroid entities = new Centroid();
    /** Canonical entity -> how many originals name it, with the type of its first sighting. */
    private final Map<String, EntityTally> entityTallies = new HashMap<>();
    /**
     * The same tallies, most named first, then by name: a snapshot's entity summary is its head, kept in order as
     * members join rather than sorted for every snapshot (a big story names thousands of entities).
     */
    private final TreeSet<EntityTally> entityRanking = new TreeSet<>(
            Comparator.<EntityTally>comparingInt(e -> -e.articles).thenComparing(e -> e.name));

    private static final class EntityTally {
        final String name;
        final EntityType type;
        int articles;

        EntityTally(String name, EntityType type) {
            this.name = name;
            this.type = type;
        }
    }

    private final List<Story.StoryMember> members = new ArrayList<>();
    private final Map<String, Integer> memberPosition = new HashMap<>();
    /** Originals (not near-duplicates) with their content vectors, to pick the most representative headline. */
    private final List<HeadlineCandidate> originals = new ArrayList<>();

    private record HeadlineCandidate(String articleId, String title, TermVector body, TermVector titleTerms) {
    }
    private final TreeSet<String> sources = new TreeSet<>();
    private int duplicates;

    /** Index keys this story is filed under. */
    final Set<String> keys = new LinkedHashSet<>();

    private Instant firstSeen;
    private Instant lastSeen;
    /** Range of event times that date the event (dateline or feed), null while no member has one. */
    private Instant datedFirst;
    private Instant datedLast;
    /** Range of arrival (receipt) times: stream time. */
    private Instant arrivedFirst;
    private Instant arrivedLast;

    private long version;
    private String headline;
    private String headlineArticle;

    OpenStory(long sequence, String id, String language) {
        this.sequence = sequence;
        this.id = id;
        this.language = language;
    }

    void addOriginal(ArticleProfile article, MembershipReason reason, StorySettings settings, DocumentFrequencies termIdf) {
        body.add(article.body, settings.maxCentroidTerms());
        title.add(article.title, settings.maxCentroidTerms());
        entities.add(article.entities, settings.maxCentroidTerms());
        Set<String> named = new LinkedHashSet<>();
        for (NamedEntity e : article.entityList) {
            if (e.canonical() != null && !e.canonical().isBlank() && named.add(e.canonical())) {
                EntityTally tally = entityTallies.get(e.canonical());
                if (tally == null) {
                    tally = new EntityTally(e.canonical(), e.type());
                    entityTallies.put(e.canonical(), tally);
                } else {
                    entityRanking.remove(tally); // its place changes with its count
                }
                tally.articles++;
                entityRanking.add(tally);
            }
        }
        originals.add(new HeadlineCandidate(article.id, article.enriched.article().title(), article.body, article.title));
        addMember(article, null, reason);
        chooseHeadline(termIdf);
    }

    void addDuplicate(ArticleProfile article, String duplicateOf, MembershipReason reason) {
        duplicates++;
        addMember(article, duplicateOf, reason);
        if (headline == null) {
            headline = article.enriched.article().title();
            headlineArticle = article.id;
        }
    }

    private void addMember(ArticleProfile article, String duplicateOf, MembershipReason reason) {
        var a = article.enriched.article();
        memberPosition.put(a.id(), members.size());
        members.add(new Story.StoryMember(a.id(), a.url(), a.source(), a.title(), article.time.at(), duplicateOf, reason));
        if (a.source() != null) {
            sources.add(a.source());
        }
        EventTime t = article.time;
        if (t.at() != null) {
            firstSeen = min(firstSeen, t.at());
            lastSeen = max(lastSeen, t.at());
            if (t.evidence().datesTheEvent()) {
                datedFirst = min(datedFirst, t.at());
                datedLast = max(datedLast, t.at());
            }
        }
        if (t.arrival() != null) {
            arrivedFirst = min(arrivedFirst, t.arrival());
            arrivedLast = max(arrivedLast, t.arrival());
        }
    }

    /** A new revision of a member: same story, refreshed title and url. */
    void reviseMember(ArticleProfile article) {
        Integer at = memberPosition.get(article.id);
        Story.StoryMember old = members.get(at);
        var a = article.enriched.article();
        members.set(at, new Story.StoryMember(a.id(), a.url(), a.source(), a.title(), old.published(), old.duplicateOf(), old.reason()));
        if (a.id().equals(headlineArticle)) {
            headline = a.title();
        }
    }

    boolean hasMember(String articleId) {
        return memberPosition.containsKey(articleId);
    }

    Story.StoryMember member(String articleId) {
        return members.get(memberPosition.get(articleId));
    }

    MembershipReason reasonOf(String articleId) {
        return members.get(memberPosition.get(articleId)).reason();
    }

    String duplicateOfMember(String articleId) {
        return members.get(memberPosition.get(articleId)).duplicateOf();
    }

    List<Story.StoryMember> members() {
        return members;
    }

    /**
     * How well the article's time fits this story, in (0, 1]. Dated evidence on both sides (dateline, feed time)
     * is compared strictly; a receipt time only bounds the event, so it is compared by arrival with a wide tolerance
     * and never splits a story that is otherwise alive.
     */
    double timeFit(EventTime t, StorySettings settings) {
        if (t.evidence().datesTheEvent() && datedFirst != null) {
            return decay(distance(t.at(), datedFirst, datedLast), settings.timeGrace(), settings);
        }
        if (t.arrival() != null && arrivedFirst != null) {
            return decay(distance(t.arrival(), arrivedFirst, arrivedLast), settings.arrivalTolerance(), settings);
        }
        return 1.0;
    }

    /** Latest dated event time of any member (dateline or feed time), or null if no member is dated. */
    Instant datedLast() {
        return datedLast;
    }

    static double decay(long distanceSeconds, java.time.Duration grace, StorySettings settings) {
        double over = Math.max(0, distanceSeconds - grace.toSeconds());
        double x = over / settings.timeScale().toSeconds();
        return 1.0 / (1.0 + x * x);
    }

    private static long distance(Instant t, Instant from, Instant to) {
        if (t.isBefore(from)) {
            return from.getEpochSecond() - t.getEpochSecond();
        }
        if (t.isAfter(to)) {
            return t.getEpochSecond() - to.getEpochSecond();
        }
        return 0;
    }

    /** Stream time of the last arrival; the story closes when the stream has moved on by its quiet period. */
    Instant lastActivity() {
        return arrivedLast != null ? arrivedLast : lastSeen;
    }

    /** Canonical entities shared with an article, in the article's order (most mentioned first). */
    List<String> sharedEntities(ArticleProfile article) {
        List<String> shared = new ArrayList<>();
        for (NamedEntity e : article.entityList) {
            if (e.canonical() != null && entityTallies.containsKey(e.canonical()) && !shared.contains(e.canonical())) {
                shared.add(e.canonical());
            }
        }
        return shared;
    }

    /** The original member closest to the story's centroid; its title is the headline. */
    private void chooseHeadline(DocumentFrequencies termIdf) {
        // choosing costs a pass over all originals, so a story re-chooses at powers of two and then every quarter
        // doubling (at least every 32nd original): a few passes per doubling keep the total linear in the story's
        // size, where every 32nd original made a story of 3,000 originals cost 140,000 comparisons, now 15,000
        int n = originals.size();
        if (headline != null && n > 8 && Integer.bitCount(n) != 1 && n % Math.max(32, Integer.highestOneBit(n) / 4) != 0) {
            return;
        }
        List<HeadlineCandidate> titled = new ArrayList<>(n);
        List<TermVector.Query> bodies = new ArrayList<>(n);
        List<TermVector.Query> titles = new ArrayList<>(n);
        for (HeadlineCandidate member : originals) {
            if (member.title() != null && !member.title().isBlank()) {
                titled.add(member);
                bodies.add(member.body().query(termIdf));
                titles.add(member.titleTerms().query(termIdf));
            }
        }
        double[] bodyFit = body.cosines(bodies, termIdf);
        double[] titleFit = title.cosines(titles, termIdf);
        HeadlineCandidate best = null;
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
            headlineArticle = best.articleId();
        }
    }

    Story snapshot(Story.Status status, Instant now, int entityLimit) {
        version++;
        List<Story.StoryEntity> summary = new ArrayList<>(Math.min(entityLimit, entityRanking.size()));
        for (EntityTally e : entityRanking) {
            if (summary.size() >= entityLimit) {
                break;
            }
            summary.add(new Story.StoryEntity(e.name, e.type, e.articles));
        }
        return new Story(id, version, headline, headlineArticle, language, List.copyOf(summary), listedMembers(),
                members.size(), sources.size(), duplicates, firstSeen, lastSeen, now, status);
    }

    /**
     * A snapshot is one Kafka record, and Kafka refuses records over 1 MiB by default; a story that keeps growing
     * must not stop the stage. Past {@link #SNAPSHOT_MEMBERS}, the snapshot lists the article that started the
     * story and the most recent members; the counts always cover every member.
     */
    private List<Story.StoryMember> listedMembers() {
        if (members.size() <= SNAPSHOT_MEMBERS) {
            return List.copyOf(members);
        }
        List<Story.StoryMember> listed = new ArrayList<>(SNAPSHOT_MEMBERS);
        listed.add(members.get(0));
        listed.addAll(members.subList(members.size() - (SNAPSHOT_MEMBERS - 1), members.size()));
        return List.copyOf(listed);
    }

    /** Counts a snapshot that a replay does not build, so versions continue as they were published. */
    void skipSnapshot() {
        version++;
    }

    /** The last published snapshot again, for a redelivered article: same version, nothing changed. */
    Story currentSnapshot(Instant now, int entityLimit) {
        version--;
        return snapshot(Story.Status.OPEN, now, entityLimit);
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
