package ca.microcred.issuer.config;

import ca.microcred.support.problem.Problem;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Locale;

/**
 * Two body limits: a CSV completion of 10,000 learners with names, grades and portfolio links runs to a few MiB,
 * while everything else stays within the usual 1 MiB. The HTTP layer's own limit
 * ({@code quarkus.http.limits.max-body-size}) is set to the larger one, and the shared guard answers bodies over
 * it; this one holds every other request to {@link IssuerConfig#maxBodySize()} by its declared length, before any
 * of the body is read.
 */
@ApplicationScoped
public class BodySizeLimits {

    private final long limit;
    private final long csvLimit;

    public BodySizeLimits(IssuerConfig config) {
        this.limit = config.maxBodySize().asLongValue();
        this.csvLimit = config.csvMaxBodySize().asLongValue();
    }

    void install(@Observes Router router) {
        // right after the shared guard, before any body handling
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            long length = declaredLength(ctx.request().getHeader("Content-Length"));
            long allowed = isCsvCompletion(ctx.request().method(), ctx.request().path(),
                    ctx.request().getHeader("Content-Type")) ? csvLimit : limit;
            if (length > allowed) {
                Problem problem = new Problem("about:blank", "Content Too Large", 413,
                        "The body is " + length + " bytes; the limit is " + allowed + " bytes",
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

    static boolean isCsvCompletion(HttpMethod method, String path, String contentType) {
        return HttpMethod.POST.equals(method) && ("/completions".equals(path) || "/completions/".equals(path))
                && contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/csv");
    }

    private static long declaredLength(String declared) {
        try {
            return declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
