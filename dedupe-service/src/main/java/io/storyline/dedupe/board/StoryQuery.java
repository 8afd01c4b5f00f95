package io.storyline.dedupe.board;

import io.storyline.events.Story;

import java.time.Instant;
import java.util.Locale;

/**
 * Which stories a board reader wants: filters and one page of the result.
 *
 * @param status   which lifecycle states to include
 * @param language story language (ISO code, case-insensitive), or null for any
 * @param entity   canonical entity name the story must name (case-insensitive), or null for any
 * @param from     only stories with activity at or after this instant (their lastSeen), or null
 * @param to       only stories with activity at or before this instant (their firstSeen), or null
 * @param page     zero-based page number
 * @param size     stories per page, 1..{@value #MAX_PAGE_SIZE}
 */
public record StoryQuery(StatusFilter status, String language, String entity, Instant from, Instant to, int page, int size) {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 500;

    public StoryQuery {
        if (status == null) {
            status = StatusFilter.OPEN;
        }
        language = blankToNull(language);
        entity = blankToNull(entity);
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, not " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE_SIZE + ", not " + size);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
        }
    }

    /** Open stories, newest activity first, first page. */
    public static StoryQuery open() {
        return new StoryQuery(StatusFilter.OPEN, null, null, null, null, 0, DEFAULT_PAGE_SIZE);
    }

    public StoryQuery withLanguage(String language) {
        return new StoryQuery(status, language, entity, from, to, page, size);
    }

    public StoryQuery withEntity(String entity) {
        return new StoryQuery(status, language, entity, from, to, page, size);
    }

    public StoryQuery withStatus(StatusFilter status) {
        return new StoryQuery(status, language, entity, from, to, page, size);
    }

    public StoryQuery between(Instant from, Instant to) {
        return new StoryQuery(status, language, entity, from, to, page, size);
    }

    public StoryQuery page(int page, int size) {
        return new StoryQuery(status, language, entity, from, to, page, size);
    }

    /** Whether a story passes every filter of this query (paging aside). */
    public boolean matches(Story story) {
        if (status != StatusFilter.ALL && story.status() != (status == StatusFilter.OPEN ? Story.Status.OPEN : Story.Status.CLOSED)) {
            return false;
        }
        if (language != null && !language.equalsIgnoreCase(story.language())) {
            return false;
        }
        if (entity != null && (story.entities() == null
                || story.entities().stream().noneMatch(e -> e != null && e.name() != null && entity.equalsIgnoreCase(e.name().trim())))) {
            return false;
        }
        // a story is in a time range when its activity [firstSeen, lastSeen] overlaps it
        if (from != null && (story.lastSeen() == null || story.lastSeen().isBefore(from))) {
            return false;
        }
        return to == null || (story.firstSeen() != null && !story.firstSeen().isAfter(to));
    }

    /** Which stories by lifecycle state. */
    public enum StatusFilter {
        OPEN, CLOSED, ALL;

        public static StatusFilter parse(String value) {
            if (value == null || value.isBlank()) {
                return OPEN;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("status must be one of open, closed, all, not '" + value + "'");
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
