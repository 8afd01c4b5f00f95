package io.storyline.dedupe.board;

import io.storyline.events.Story;
import io.storyline.events.Storyline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A story as its detail view reads it: the snapshot exactly as published (every member with the reason it belongs)
 * and its articles with their near-duplicates folded under the original they copy.
 *
 * @param card      the at-a-glance summary
 * @param story     the latest snapshot from news.stories
 * @param articles  originals in the order they joined, each with its near-duplicates
 * @param storyline the storyline the event belongs to, when the board holds it (else null; story.storylineId still
 *                  names it)
 */
public record StoryDetail(StoryCard card, Story story, List<ArticleThread> articles, StorylineRef storyline) {

    /** The storyline of an event, in brief: GET /storylines/{id} has the rest. */
    public record StorylineRef(String id, long version, String headline, int eventCount, Story.Status status) {

        static StorylineRef of(Storyline storyline) {
            return storyline == null ? null : new StorylineRef(storyline.id(), storyline.version(), storyline.headline(),
                    storyline.eventCount(), storyline.status());
        }
    }

    /**
     * An original article and the members that copy it (directly or through another copy).
     * A copy whose original is not in this story stands as an original itself, its duplicateOf still naming it.
     */
    public record ArticleThread(Story.StoryMember article, List<Story.StoryMember> duplicates) {
    }

    public static StoryDetail of(Story story) {
        return of(story, null);
    }

    /** @param storyline the event's storyline as the board holds it, or null */
    public static StoryDetail of(Story story, Storyline storyline) {
        return new StoryDetail(StoryCard.of(story), story, fold(story.members() == null ? List.of() : story.members()),
                StorylineRef.of(storyline));
    }

    static List<ArticleThread> fold(List<Story.StoryMember> members) {
        Map<String, Story.StoryMember> byId = new HashMap<>();
        for (Story.StoryMember member : members) {
            if (member != null && member.articleId() != null) {
                byId.putIfAbsent(member.articleId(), member);
            }
        }
        // originals first, so threads keep the order in which their originals joined
        Map<String, ArticleThread> threads = new LinkedHashMap<>();
        List<Story.StoryMember> copies = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Story.StoryMember member = members.get(i);
            if (member == null) {
                continue;
            }
            String root = root(member, byId);
            if (root == null || root.equals(member.articleId())) {
                String key = member.articleId() == null || threads.containsKey(member.articleId()) ? "#" + i : member.articleId();
                threads.put(key, new ArticleThread(member, new ArrayList<>()));
            } else {
                copies.add(member);
            }
        }
        for (Story.StoryMember copy : copies) {
            threads.get(root(copy, byId)).duplicates().add(copy);
        }
        return threads.values().stream().map(t -> new ArticleThread(t.article(), List.copyOf(t.duplicates()))).toList();
    }

    /** Follows duplicateOf within the story to the article that is no copy of another member. */
    private static String root(Story.StoryMember member, Map<String, Story.StoryMember> byId) {
        if (member.articleId() == null) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        Story.StoryMember current = member;
        String id = member.articleId();
        while (current != null && current.duplicateOf() != null && byId.containsKey(current.duplicateOf())
                && seen.add(id)) {
            id = current.duplicateOf();
            current = byId.get(id);
        }
        return id;
    }
}
