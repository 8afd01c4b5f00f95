package io.storyline.ingest.endpoint;

import io.smallrye.common.annotation.Blocking;
import io.storyline.events.IngestChannel;
import io.storyline.ingest.article.RejectedInputException;
import io.storyline.ingest.batch.BatchIntake;
import io.storyline.ingest.batch.BatchReport;
import io.storyline.ingest.feed.FeedArticles;
import io.storyline.ingest.intake.ArticleIntake;
import io.storyline.ingest.intake.IngestConfig;
import io.storyline.ingest.publish.TraceId;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.List;

/** RSS and Atom documents: every item becomes an article. */
@Path("/feeds")
@Tag(name = "feeds")
public class FeedResource {

    @Inject
    ArticleIntake intake;

    @Inject
    IngestConfig config;

    @POST
    @Blocking
    @Consumes({"application/rss+xml", "application/atom+xml", "application/rdf+xml", MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Submit an RSS 2.0 or Atom document",
            description = "200 with one result per item (accepted, duplicate, revision, rejected, failed) once the accepted items are acknowledged by Kafka. "
                    + "source and feedId default to the feed's host and URI.")
    public Response submit(InputStream body, @HeaderParam("Content-Length") Long length,
                           @QueryParam("source") String source, @QueryParam("feedId") String feedId,
                           @HeaderParam(ArticleResource.TRACEPARENT) String traceparent,
                           @HeaderParam(ArticleResource.REQUEST_ID) String requestId) {
        List<FeedArticles.Item> items;
        try {
            byte[] xml = RequestBody.read(body, length == null ? -1 : length, config.limits().maxFeedBytes());
            items = FeedArticles.read(xml, source, feedId);
        } catch (RejectedInputException e) {
            intake.rejected(e.rejection(), IngestChannel.FEED, source);
            return Problem.of(e.rejection()).toResponse();
        }
        String callerTrace = traceparent == null && requestId == null ? null : TraceId.of(traceparent, requestId);
        BatchIntake batch = new BatchIntake(intake, IngestChannel.FEED, config.batch().maxInFlight());
        for (FeedArticles.Item item : items) {
            if (item.rejection() != null) {
                batch.rejected(item.index(), item.rejection());
            } else {
                batch.submit(item.index(), item.submission(), callerTrace == null ? TraceId.newId() : callerTrace + "-" + item.index());
            }
        }
        BatchReport report = batch.finish();
        return Response.ok(report).type(MediaType.APPLICATION_JSON).build();
    }
}
