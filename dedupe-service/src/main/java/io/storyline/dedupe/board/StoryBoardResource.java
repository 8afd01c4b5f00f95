package io.storyline.dedupe.board;

import io.smallrye.mutiny.Multi;
import io.storyline.events.Story;
import io.storyline.events.Storyline;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The story board's read API: stories (events) as news.stories last described them, storylines as news.storylines
 * did, and a live stream of both kinds of change.
 */
@Path("/")
@Tag(name = "Stories", description = "Stories (events) and the storylines linking them, as they form, read from news.stories and news.storylines")
public class StoryBoardResource {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
    private static final int STREAM_BUFFER = 1024;

    private final StoryBoardFeed feed;

    @Inject
    public StoryBoardResource(StoryBoardFeed feed) {
        this.feed = feed;
    }

    @GET
    @Path("stories")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List stories", description = "Stories newest activity (lastSeen) first, one page at a time; "
            + "open stories unless status says otherwise. Members are left out: see GET /stories/{id}.")
    @APIResponse(responseCode = "200", description = "one page of story cards")
    @APIResponse(responseCode = "400", description = "a filter or paging parameter is invalid",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public StoryPage<StoryCard> stories(
            @Parameter(description = "open (default), closed or all") @RestQuery String status,
            @Parameter(description = "only stories in this language (ISO 639-1 code, e.g. en)") @RestQuery String language,
            @Parameter(description = "only stories naming this canonical entity (case-insensitive), e.g. Joe Biden") @RestQuery String entity,
            @Parameter(description = "only stories active at or after this time: ISO-8601 instant or date (start of day, UTC)",
                    example = "2021-04-13T00:00:00Z") @RestQuery String from,
            @Parameter(description = "only stories active at or before this time: ISO-8601 instant or date (end of day, UTC)",
                    example = "2021-04-14") @RestQuery String to,
            @Parameter(description = "zero-based page number, default 0") @RestQuery String page,
            @Parameter(description = "stories per page, 1-" + StoryQuery.MAX_PAGE_SIZE + ", default " + StoryQuery.DEFAULT_PAGE_SIZE)
            @RestQuery String size) {
        StoryQuery query = query(status, language, entity, from, to,
                integer("page", page, 0), integer("size", size, StoryQuery.DEFAULT_PAGE_SIZE));
        StoryPage<Story> stories = feed.board().query(query);
        return new StoryPage<>(stories.items().stream().map(StoryCard::of).toList(), stories.page(), stories.size(), stories.total());
    }

    @GET
    @Path("stories/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One story", description = "The latest snapshot with every member and the reason it belongs, "
            + "and the members again with near-duplicates folded under the original they copy.")
    @APIResponse(responseCode = "200", description = "the story")
    @APIResponse(responseCode = "404", description = "no such story on the board",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public StoryDetail story(@Parameter(description = "story id") @RestPath String id) {
        return feed.board().story(id).map(this::detail)
                .orElseThrow(() -> new NotOnBoard("no story '" + id + "' on the board"));
    }

    @GET
    @Path("articles/{id}/story")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The story of an article", description = "The story the article belongs to now, as GET /stories/{id} gives it.")
    @APIResponse(responseCode = "200", description = "the article's story")
    @APIResponse(responseCode = "404", description = "the article is in no story on the board (yet)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public StoryDetail storyOfArticle(@Parameter(description = "article id, as ingest assigned it") @RestPath String id) {
        return feed.board().storyOfArticle(id).map(this::detail)
                .orElseThrow(() -> new NotOnBoard("article '" + id + "' is in no story on the board"));
    }

    private StoryDetail detail(Story story) {
        Storyline storyline = story.storylineId() == null ? null
                : feed.board().storyline(story.storylineId()).map(StorylineView::storyline).orElse(null);
        return StoryDetail.of(story, storyline);
    }

    @GET
    @Path("storylines")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List storylines", description = "Storylines (developing stories linking events) newest activity "
            + "(lastSeen) first, one page at a time; open storylines unless status says otherwise. Each card lists the "
            + "storyline's events as chapters, in order of their first dated time, each enriched with the event's latest "
            + "snapshot on the board (sources, top entities, counts). The filters are those of GET /stories; a storyline "
            + "names an entity when it or one of its events does.")
    @APIResponse(responseCode = "200", description = "one page of storyline cards")
    @APIResponse(responseCode = "400", description = "a filter or paging parameter is invalid",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public StoryPage<StorylineCard> storylines(
            @Parameter(description = "open (default), closed or all") @RestQuery String status,
            @Parameter(description = "only storylines in this language (ISO 639-1 code, e.g. en)") @RestQuery String language,
            @Parameter(description = "only storylines naming this canonical entity, themselves or in one of their events "
                    + "(case-insensitive), e.g. Joe Biden") @RestQuery String entity,
            @Parameter(description = "only storylines active at or after this time: ISO-8601 instant or date (start of day, UTC)",
                    example = "2021-04-13T00:00:00Z") @RestQuery String from,
            @Parameter(description = "only storylines active at or before this time: ISO-8601 instant or date (end of day, UTC)",
                    example = "2021-04-14") @RestQuery String to,
            @Parameter(description = "zero-based page number, default 0") @RestQuery String page,
            @Parameter(description = "storylines per page, 1-" + StoryQuery.MAX_PAGE_SIZE + ", default " + StoryQuery.DEFAULT_PAGE_SIZE)
            @RestQuery String size) {
        StoryQuery query = query(status, language, entity, from, to,
                integer("page", page, 0), integer("size", size, StoryQuery.DEFAULT_PAGE_SIZE));
        StoryPage<StorylineView> storylines = feed.board().queryStorylines(query);
        return new StoryPage<>(storylines.items().stream().map(StorylineCard::of).toList(), storylines.page(),
                storylines.size(), storylines.total());
    }

    @GET
    @Path("storylines/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One storyline", description = "The storyline's card, its latest snapshot as published, and its "
            + "events as chapters with every entity: each chapter is the snapshot's summary of the event enriched with "
            + "the event's latest snapshot on the board (headline, time range, counts, sources, entities; onBoard false "
            + "when the board has not seen that event yet). GET /stories/{storyId} has a chapter's articles.")
    @APIResponse(responseCode = "200", description = "the storyline")
    @APIResponse(responseCode = "404", description = "no such storyline on the board",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public StorylineDetail storyline(@Parameter(description = "storyline id") @RestPath String id) {
        return feed.board().storyline(id).map(StorylineDetail::of)
                .orElseThrow(() -> new NotOnBoard("no storyline '" + id + "' on the board"));
    }

    @GET
    @Path("stories/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live story and storyline changes (Server-Sent Events)", description = "From the moment of "
            + "connecting, two kinds of change, each filtered by its own fields: an event 'story' with the story card "
            + "(JSON, as in GET /stories) whenever a story (event) matching the filters changes, and 'removed' with "
            + "{\"id\": ...} when a story leaves the board or stops matching them; an event 'storyline' with the storyline "
            + "card (JSON, as in GET /storylines) whenever a matching storyline changes or one of its events changes what "
            + "its card shows (then with the same version: take it), and 'storyline-removed' with {\"id\": ...} when a "
            + "storyline leaves the board or stops matching. Events carry the id and version as their SSE id "
            + "(<id>@<version>). A comment every 20 s keeps the connection open. Read GET /stories or GET /storylines "
            + "after connecting and keep, per id, the higher version (on equal versions, the later one).")
    @APIResponse(responseCode = "200", description = "the event stream: 'story' and 'storyline' events carry a story card "
            + "or a storyline card; 'removed' and 'storyline-removed' carry {\"id\": ...}",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(oneOf = {StoryCard.class, StorylineCard.class})))
    @APIResponse(responseCode = "400", description = "a filter parameter is invalid",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "open (default), closed or all") @RestQuery String status,
            @Parameter(description = "only stories and storylines in this language") @RestQuery String language,
            @Parameter(description = "only stories and storylines naming this canonical entity") @RestQuery String entity,
            @Parameter(description = "only stories and storylines active at or after this time") @RestQuery String from,
            @Parameter(description = "only stories and storylines active at or before this time") @RestQuery String to,
            @Context Sse sse) {
        StoryQuery filter = query(status, language, entity, from, to, 0, StoryQuery.DEFAULT_PAGE_SIZE);
        // a client too slow for a burst (e.g. a replay) is cut off; its EventSource reconnects and re-reads the list
        Multi<OutboundSseEvent> changes = feed.changes()
                .onOverflow().buffer(STREAM_BUFFER)
                .filter(change -> concerns(change, filter))
                .map(change -> event(sse, change, filter));
        // the first comment goes out at once, so the client sees the stream open before any story changes
        Multi<OutboundSseEvent> keepAlive = Multi.createBy().concatenating().streams(
                Multi.createFrom().item(() -> sse.newEventBuilder().comment("connected").build()),
                Multi.createFrom().ticks().every(KEEP_ALIVE).map(tick -> sse.newEventBuilder().comment("keep-alive").build()));
        return Multi.createBy().merging().streams(changes, keepAlive);
    }

    /** A change matters to a filtered stream when its subject matches now or matched before (and so must leave). */
    private static boolean concerns(StoryBoardFeed.BoardChange change, StoryQuery filter) {
        if (change instanceof StoryBoardFeed.StoryChange story) {
            return (story.story() != null && filter.matches(story.story()))
                    || (story.previous() != null && filter.matches(story.previous()));
        }
        StoryBoardFeed.StorylineChange storyline = (StoryBoardFeed.StorylineChange) change;
        return (storyline.storyline() != null && filter.matches(storyline.storyline()))
                || (storyline.previous() != null && filter.matches(storyline.previous()));
    }

    private static OutboundSseEvent event(Sse sse, StoryBoardFeed.BoardChange change, StoryQuery filter) {
        if (change instanceof StoryBoardFeed.StoryChange story) {
            if (story.story() != null && filter.matches(story.story())) {
                return sse.newEventBuilder().name("story").id(story.storyId() + "@" + story.story().version())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(StoryCard.class, StoryCard.of(story.story())).build();
            }
            return removed(sse, "removed", story.storyId());
        }
        StoryBoardFeed.StorylineChange storyline = (StoryBoardFeed.StorylineChange) change;
        StorylineView now = storyline.storyline();
        if (now != null && filter.matches(now)) {
            return sse.newEventBuilder().name("storyline").id(storyline.storylineId() + "@" + now.storyline().version())
                    .mediaType(MediaType.APPLICATION_JSON_TYPE).data(StorylineCard.class, StorylineCard.of(now)).build();
        }
        return removed(sse, "storyline-removed", storyline.storylineId());
    }

    private static OutboundSseEvent removed(Sse sse, String name, String id) {
        return sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(Map.class, Map.of("id", id)).build();
    }

    private static StoryQuery query(String status, String language, String entity, String from, String to, int page, int size) {
        return new StoryQuery(StoryQuery.StatusFilter.parse(status), language, entity,
                time("from", from, false), time("to", to, true), page, size);
    }

    private static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    /** An instant, or a date standing for its first (from) or last (to) moment in UTC. */
    private static Instant time(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate date = LocalDate.parse(text);
                return endOfDay ? date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1)
                        : date.atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " must be an ISO-8601 instant (2021-04-13T09:30:00Z) or date "
                        + "(2021-04-13), not '" + value + "'");
            }
        }
    }

    @ServerExceptionMapper
    Response badRequest(IllegalArgumentException e) {
        return problem(Response.Status.BAD_REQUEST, "Invalid story query", e.getMessage());
    }

    @ServerExceptionMapper
    Response notOnBoard(NotOnBoard e) {
        return problem(Response.Status.NOT_FOUND, "Not on the story board", e.getMessage());
    }

    private static Response problem(Response.Status status, String title, String detail) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem("about:blank", title, status.getStatusCode(), detail)).build();
    }

    /** An RFC 9457 problem detail. */
    @Schema(name = "Problem", description = "RFC 9457 problem detail")
    public record Problem(String type, String title, int status, String detail) {
    }

    static final class NotOnBoard extends RuntimeException {
        NotOnBoard(String message) {
            super(message, null, false, false);
        }
    }
}
