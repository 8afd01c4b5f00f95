package io.storyline.ingest.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.storyline.ingest.article.Rejection;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details, with the offending {@code field} and machine-readable {@code reason}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, String reason, Object results) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://storyline.io/problems/";

    public static Problem of(Rejection rejection) {
        return of(rejection, null);
    }

    public static Problem of(Rejection rejection, Object results) {
        int status = rejection.reason().httpStatus();
        return new Problem(TYPE_BASE + rejection.reason().code(), Response.Status.fromStatusCode(status).getReasonPhrase(),
                status, rejection.detail(), rejection.field(), rejection.reason().code(), results);
    }

    public static Problem of(int status, String reason, String detail) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        return new Problem(TYPE_BASE + reason, type == null ? "Error" : type.getReasonPhrase(), status, detail, null, reason, null);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
