package ca.microcred.issuer.config;

import ca.microcred.support.problem.BodySizeGuard;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

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
            long length = BodySizeGuard.declaredLength(ctx);
            long allowed = isCsvCompletion(ctx.request().method(), ctx.request().path(),
                    ctx.request().getHeader("Content-Type")) ? csvLimit : limit;
            if (length > allowed) {
                BodySizeGuard.refuse(ctx, length, allowed);
                return;
            }
            ctx.next();
        });
    }

    static boolean isCsvCompletion(HttpMethod method, String path, String contentType) {
        return HttpMethod.POST.equals(method) && ("/completions".equals(path) || "/completions/".equals(path))
                && contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/csv");
    }
}
