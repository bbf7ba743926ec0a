package ca.microcred.support.problem;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
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
            String declared = ctx.request().getHeader("Content-Length");
            long length;
            try {
                length = declared == null ? -1 : Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > limit) {
                Problem problem = new Problem("about:blank", "Content Too Large", 413,
                        "The body is " + length + " bytes; the limit is " + limit + " bytes",
                        ctx.request().path(), List.of());
                ctx.response()
                        .setStatusCode(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code())
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end(Json.encode(problem));
                return;
            }
            ctx.next();
        });
    }
}
