package io.storyline.dedupe.story;

import io.storyline.events.MembershipReason;
import io.storyline.events.Story;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** An event's members in the order they joined, with their outlets and how many were near-duplicate copies. */
final class EventMembers {
    /** Most members listed in one snapshot (about 0.5 KB of JSON each). */
    static final int SNAPSHOT_MEMBERS = 250;

    /** Most sources listed in one snapshot. */
    static final int SNAPSHOT_SOURCES = 50;

    private final List<Story.StoryMember> members = new ArrayList<>();
    private final Map<String, Integer> position = new HashMap<>();
    private final TreeSet<String> sources = new TreeSet<>();
    private int duplicates;

    void add(ArticleProfile article, String duplicateOf, MembershipReason reason) {
        var a = article.enriched.article();
        position.put(a.id(), members.size());
        EventTime t = article.time;
        // an undated member shows no time: its receipt says when it came, not when the event was
        members.add(new Story.StoryMember(a.id(), a.url(), article.source, a.title(),
                t.evidence().datesTheEvent() ? t.at() : null, duplicateOf, reason));
        if (article.source != null) {
            sources.add(article.source);
        }
        if (duplicateOf != null) {
            duplicates++;
        }
    }

    /** A new revision of a member: the same place, its refreshed title and url. */
    void revise(ArticleProfile article) {
        int at = position.get(article.id);
        Story.StoryMember old = members.get(at);
        var a = article.enriched.article();
        members.set(at, new Story.StoryMember(a.id(), a.url(), old.source(), a.title(), old.published(), old.duplicateOf(), old.reason()));
    }

    Story.StoryMember get(String articleId) {
        return members.get(position.get(articleId));
    }

    List<Story.StoryMember> all() {
        return members;
    }

    int size() {
        return members.size();
    }

    int duplicates() {
        return duplicates;
    }

    TreeSet<String> sources() {
        return sources;
    }

    /** The first {@link #SNAPSHOT_SOURCES} sources in name order. */
    List<String> listedSources() {
        List<String> listed = new ArrayList<>(Math.min(SNAPSHOT_SOURCES, sources.size()));
        for (String source : sources) {
            if (listed.size() >= SNAPSHOT_SOURCES) {
                break;
            }
            listed.add(source);
        }
        return List.copyOf(listed);
    }

    /**
     * A snapshot is one Kafka record, and Kafka refuses records over 1 MiB by default; an event that keeps growing
     * must not stop the stage. Past {@link #SNAPSHOT_MEMBERS}, the snapshot lists the article that started the
     * event and the most recent members; the counts always cover every member.
     */
    List<Story.StoryMember> listed() {
        if (members.size() <= SNAPSHOT_MEMBERS) {
            return List.copyOf(members);
        }
        List<Story.StoryMember> listed = new ArrayList<>(SNAPSHOT_MEMBERS);
        listed.add(members.get(0));
        listed.addAll(members.subList(members.size() - (SNAPSHOT_MEMBERS - 1), members.size()));
        return List.copyOf(listed);
    }
}
