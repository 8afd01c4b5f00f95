package io.storyline.dedupe.story;

import io.storyline.events.MembershipReason;
import io.storyline.events.NamedEntity;
import io.storyline.events.Story;
import io.storyline.events.Storyline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The in-memory state of one event (a story on {@code news.stories}) while it can still gain members. */
final class OpenStory extends StoryIndex.Filed {
    /** Most members listed in one snapshot (about 0.5 KB of JSON each). */
    static final int SNAPSHOT_MEMBERS = 250;

    /** Most sources listed in one snapshot. */
    static final int SNAPSHOT_SOURCES = 50;

    final String id;
    final String language;

    final Centroid body = new Centroid();
    final Centroid title = new Centroid();
    final Centroid lead = new Centroid();
    final Centroid actors = new Centroid();
    final Centroid places = new Centroid();
    final Centroid numbers = new Centroid();
    /** The storyline this event is a chapter of; set once, when the event starts. */
    OpenStoryline storyline;
    private final EntityTallies entityTallies = new EntityTallies();

    private final List<Story.StoryMember> members = new ArrayList<>();
    private final Map<String, Integer> memberPosition = new HashMap<>();
    /** Originals (not near-duplicates) with their content vectors, to pick the most representative headline. */
    private final List<HeadlineCandidate> originals = new ArrayList<>();

    private record HeadlineCandidate(String articleId, String title, TermVector body, TermVector titleTerms) {
    }
    private final TreeSet<String> sources = new TreeSet<>();
    private int duplicates;

    /** Range of event times that date the event (dateline, feed or text), null while no member has one. */
    private Instant datedFirst;
    private Instant datedLast;
    /** Range of arrival (receipt) times: stream time. */
    private Instant arrivedFirst;
    private Instant arrivedLast;

    private long version;
    private Story.Status lastStatus = Story.Status.OPEN;
    private String headline;
    private String headlineArticle;

    OpenStory(long sequence, String id, String language) {
        super(sequence);
        this.id = id;
        this.language = language;
    }

    void addOriginal(ArticleProfile article, MembershipReason reason, StorySettings settings, DocumentFrequencies termIdf) {
        int max = settings.maxCentroidTerms();
        body.add(article.body, max);
        title.add(article.title, max);
        lead.add(article.lead, max);
        actors.add(article.actors, max);
        places.add(article.places, max);
        numbers.add(article.numbers, max);
        entityTallies.add(article.entityList);
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
        EventTime t = article.time;
        // an undated member shows no time: its receipt says when it came, not when the event was
        members.add(new Story.StoryMember(a.id(), a.url(), article.source, a.title(),
                t.evidence().datesTheEvent() ? t.at() : null, duplicateOf, reason));
        if (article.source != null) {
            sources.add(article.source);
        }
        if (t.at() != null && t.evidence().datesTheEvent()) {
            datedFirst = min(datedFirst, t.at());
            datedLast = max(datedLast, t.at());
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
        members.set(at, new Story.StoryMember(a.id(), a.url(), old.source(), a.title(), old.published(), old.duplicateOf(), old.reason()));
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

    /** The time factor of the event rule, and the gap it measured in days (null when either side is undated). */
    record TimeFit(double factor, Double gapDays) {
    }

    /**
     * How well the article's time fits this event, in (0, 1]. Dated evidence on both sides (dateline, feed time, a
     * day the text names) is compared strictly; a receipt time only bounds the event, so it is compared by arrival
     * with a wide tolerance and never splits an event that is otherwise alive.
     */
    TimeFit timeFit(EventTime t, SameEventRule rule) {
        if (t.evidence().datesTheEvent() && datedFirst != null) {
            long gap = distance(t.at(), datedFirst, datedLast);
            // a day read from the text is an estimate: it only tells weeks and years apart
            return new TimeFit(t.evidence() == EventTime.Evidence.TEXT ? rule.decay(gap, rule.textTimeGrace(), rule.textTimeScale())
                    : rule.decay(gap, rule.timeGrace(), rule.timeScale()), gap / 86400.0);
        }
        if (t.arrival() != null && arrivedFirst != null) {
            return new TimeFit(rule.decay(distance(t.arrival(), arrivedFirst, arrivedLast), rule.arrivalTolerance(), rule.timeScale()), null);
        }
        return new TimeFit(1.0, null);
    }

    /** Latest dated event time of any member (dateline, feed or text), or null if no member is dated. */
    Instant datedLast() {
        return datedLast;
    }

    Instant datedFirst() {
        return datedFirst;
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
        return arrivedLast != null ? arrivedLast : datedLast;
    }

    /** Entities shared with an article, by this event's names for them, in the article's order (most mentioned first). */
    List<String> sharedEntities(ArticleProfile article) {
        List<String> shared = new ArrayList<>();
        for (NamedEntity e : article.entityList) {
            String name = entityTallies.nameOf(e);
            if (name != null && !shared.contains(name)) {
                shared.add(name);
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
        lastStatus = status;
        List<String> listedSources = new ArrayList<>(Math.min(SNAPSHOT_SOURCES, sources.size()));
        for (String source : sources) {
            if (listedSources.size() >= SNAPSHOT_SOURCES) {
                break;
            }
            listedSources.add(source);
        }
        return new Story(id, version, headline, headlineArticle, language, entityTallies.top(entityLimit), listedMembers(),
                members.size(), sources.size(), duplicates, datedFirst, datedLast, now, status,
                storyline == null ? null : storyline.id, List.copyOf(listedSources));
    }

    /** This event as a chapter of its storyline. */
    Storyline.StorylineEvent chapter() {
        return new Storyline.StorylineEvent(id, headline, datedFirst, datedLast, members.size(), sources.size(), lastStatus);
    }

    int articleCount() {
        return members.size();
    }

    TreeSet<String> sources() {
        return sources;
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
    void skipSnapshot(Story.Status status) {
        version++;
        lastStatus = status;
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
