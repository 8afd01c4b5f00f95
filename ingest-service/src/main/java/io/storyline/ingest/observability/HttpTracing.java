package io.storyline.ingest.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Optional;

/**
 * A server span for every API request (not /q/*), continuing the caller's W3C {@code traceparent} if it sent one, so
 * an article's trace starts at {@code POST /articles}. The span's context is kept on the request's Vert.x context,
 * where {@link #current()} finds it on the worker thread that handles the request.
 * <p>
 * A request with neither {@code traceparent} nor {@code X-Request-Id} is given the new trace's {@code traceparent}
 * before the endpoint reads it, so the id the endpoint answers with and writes as {@code storyline-trace-id} is the
 * OpenTelemetry trace id.
 */
@ApplicationScoped
public class HttpTracing {

    private static final String CONTEXT_KEY = HttpTracing.class.getName();
    private static final String REQUEST_ID = "X-Request-Id";
    // before the REST endpoints, after nothing that needs a trace
    private static final int ORDER = Integer.MIN_VALUE + 100;

    private static final TextMapGetter<HttpServerRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServerRequest request) {
            return request.headers().names();
        }

        @Override
        public String get(HttpServerRequest request, String key) {
            return request == null ? null : request.getHeader(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public HttpTracing(OpenTelemetry openTelemetry, Tracer tracer) {
        this.tracer = tracer;
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::trace);
    }

    void trace(RoutingContext routing) {
        String path = routing.normalizedPath();
        if (path.startsWith("/q/")) {
            routing.next();
            return;
        }
        HttpServerRequest request = routing.request();
        Context parent = propagator.extract(Context.root(), request, HEADERS);
        Span span = tracer.spanBuilder(request.method().name() + " " + path)
                .setSpanKind(SpanKind.SERVER)
                .setParent(parent)
                .setAttribute("http.request.method", request.method().name())
                .setAttribute("url.path", path)
                .startSpan();
        Context context = parent.with(span);
        if (!Span.fromContext(parent).getSpanContext().isValid() && request.getHeader(REQUEST_ID) == null) {
            propagator.inject(context, request.headers(), (headers, name, value) -> headers.set(name, value));
        }
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(CONTEXT_KEY, context);
        }
        routing.addEndHandler(done -> {
            int status = routing.response().getStatusCode();
            span.setAttribute("http.response.status_code", status);
            if (status >= 500 || done.failed()) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
        routing.next();
    }

    /** The trace of the HTTP request being handled on this Vert.x context, else the current OpenTelemetry context. */
    public static Context current() {
        if (VertxContext.isOnDuplicatedContext()) {
            Optional<Context> request = ContextLocals.get(CONTEXT_KEY);
            if (request.isPresent()) {
                return request.get();
            }
        }
        return Context.current();
    }
}
