package io.storyline.dedupe.board;

import io.storyline.events.Story;
import io.storyline.events.Storyline;

import java.time.Instant;
import java.util.Collection;
import java.util.Locale;

/**
 * Which stories (events) or storylines a board reader wants: filters and one page of the result. The same filters
 * apply to both, each to its own fields.
 *
 * @param status   which lifecycle states to include
 * @param language story language (ISO code, case-insensitive), or null for any
 * @param entity   canonical entity name the story (or one of the storyline's events) must name (case-insensitive), or null
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
        return matchesApartFromEntity(story.status(), story.language(), story.firstSeen(), story.lastSeen())
                && (entity == null || names(story.entities()));
    }

    /**
     * Whether a storyline passes every filter of this query (paging aside). It names an entity when the storyline's
     * own entities do or one of the events it lists (as the board holds them) does.
     */
    public boolean matches(StorylineView view) {
        return matchesApartFromEntity(view.storyline())
                && (entity == null || names(view.storyline().entities())
                || view.events().values().stream().anyMatch(event -> names(event.entities())));
    }

    /** Status, language and time filters on a storyline's own fields. */
    boolean matchesApartFromEntity(Storyline storyline) {
        return matchesApartFromEntity(storyline.status(), storyline.language(), storyline.firstSeen(), storyline.lastSeen());
    }

    private boolean matchesApartFromEntity(Story.Status itsStatus, String itsLanguage, Instant firstSeen, Instant lastSeen) {
        if (status != StatusFilter.ALL && itsStatus != (status == StatusFilter.OPEN ? Story.Status.OPEN : Story.Status.CLOSED)) {
            return false;
        }
        if (language != null && !language.equalsIgnoreCase(itsLanguage)) {
            return false;
        }
        // in a time range when its activity [firstSeen, lastSeen] overlaps it; undated ones only when no range is set
        if (from != null && (lastSeen == null || lastSeen.isBefore(from))) {
            return false;
        }
        return to == null || (firstSeen != null && !firstSeen.isAfter(to));
    }

    private boolean names(Collection<Story.StoryEntity> entities) {
        return entities != null
                && entities.stream().anyMatch(e -> e != null && e.name() != null && entity.equalsIgnoreCase(e.name().trim()));
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
