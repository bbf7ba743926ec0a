package ca.microcred.support.problem;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Refuses a body declared larger than the configured limit with a 413 problem before any of it is read. The
 * HTTP layer's own limit ({@code quarkus.http.limits.max-body-size}) stays in place for bodies that do not
 * declare their length.
 */
@ApplicationScoped
public class BodySizeGuard {

    private final long limit;

    public BodySizeGuard(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "1M") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            long length = declaredLength(ctx);
            if (length > limit) {
                refuse(ctx, length, limit);
                return;
            }
            ctx.next();
        });
    }

    /** The request's declared Content-Length, or -1 when it declares none (or nonsense). */
    public static long declaredLength(RoutingContext ctx) {
        String declared = ctx.request().getHeader("Content-Length");
        try {
            return declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Answers 413 problem+json and closes the connection, so that the rest of the body is never read. Services with
     * a tighter limit for some requests call this from their own route.
     */
    public static void refuse(RoutingContext ctx, long length, long allowed) {
        Problem problem = new Problem("about:blank", "Content Too Large", 413,
                "The body is " + length + " bytes; the limit is " + allowed + " bytes", ctx.request().path(),
                List.of());
        ctx.response()
                .setStatusCode(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(Json.encode(problem));
    }
}
