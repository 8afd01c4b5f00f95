package io.storyline.dedupe.story;

import io.storyline.events.MembershipReason;
import io.storyline.events.NamedEntity;
import io.storyline.events.Story;
import io.storyline.events.Storyline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The in-memory state of one event (a story on {@code news.stories}) while it can still gain members: what the event
 * rule compares an article with (its centroids and time range), and what its snapshots publish (members, headline,
 * entities, versions). Whether an article joins is {@link SameEventRule}'s decision, not this class's.
 */
final class OpenStory extends StoryIndex.Filed {
    final String id;
    final String language;

    final Centroid body = new Centroid();
    final Centroid title = new Centroid();
    final Centroid lead = new Centroid();
    final Centroid actors = new Centroid();
    final Centroid places = new Centroid();
    final Centroid numbers = new Centroid();
    final EventTimeRange time = new EventTimeRange();
    /** The storyline this event is a chapter of; set once, when the event starts. */
    OpenStoryline storyline;

    private final EntityTallies entityTallies = new EntityTallies();
    private final EventMembers members = new EventMembers();
    private final HeadlineChoice headline = new HeadlineChoice();

    private long version;
    private Story.Status lastStatus = Story.Status.OPEN;

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
        addMember(article, null, reason);
        headline.addOriginal(article, body, title, termIdf);
    }

    /** A near-duplicate copy joins its original's event; it adds a member, not content. */
    void addDuplicate(ArticleProfile article, String duplicateOf, MembershipReason reason) {
        addMember(article, duplicateOf, reason);
        headline.addDuplicate(article);
    }

    private void addMember(ArticleProfile article, String duplicateOf, MembershipReason reason) {
        members.add(article, duplicateOf, reason);
        time.add(article.time);
    }

    /** A new revision of a member: same event, refreshed title and url. */
    void reviseMember(ArticleProfile article) {
        members.revise(article);
        headline.revise(article);
    }

    Story.StoryMember member(String articleId) {
        return members.get(articleId);
    }

    List<Story.StoryMember> members() {
        return members.all();
    }

    int articleCount() {
        return members.size();
    }

    TreeSet<String> sources() {
        return members.sources();
    }

    /** Latest dated event time of any member (dateline, feed or text), or null if no member is dated. */
    Instant datedLast() {
        return time.datedLast();
    }

    /** Stream time of the last arrival; the event closes when the stream has moved on by its quiet period. */
    Instant lastActivity() {
        return time.lastActivity();
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

    Story snapshot(Story.Status status, Instant now, int entityLimit) {
        version++;
        lastStatus = status;
        return new Story(id, version, headline.headline(), headline.articleId(), language, entityTallies.top(entityLimit),
                members.listed(), members.size(), members.sources().size(), members.duplicates(), time.datedFirst(),
                time.datedLast(), now, status, storyline == null ? null : storyline.id, members.listedSources());
    }

    /** This event as a chapter of its storyline. */
    Storyline.StorylineEvent chapter() {
        return new Storyline.StorylineEvent(id, headline.headline(), time.datedFirst(), time.datedLast(), members.size(),
                members.sources().size(), lastStatus);
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
}
