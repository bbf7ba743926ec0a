package ca.microcred.notification.webhook;

import ca.microcred.notification.config.NotificationConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one webhook request without holding a thread while the receiver thinks, on the application's Vert.x event
 * loops with kept-alive pooled connections (at most {@code max-in-flight} per receiver host). Redirects are not
 * followed: a redirect could lead to an address the target policy refuses, and Standard Webhooks counts 3xx as a
 * failure. The response body is read and dropped.
 */
@ApplicationScoped
public class WebhookClient {

    static final String USER_AGENT = "MicroCred-Notification/1";

    private final HttpClient http;
    private final Duration timeout;

    public WebhookClient(NotificationConfig config, Vertx vertx) {
        this.timeout = config.webhookTimeout();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setName("webhooks")
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setMaxPoolSize(Math.max(1, config.maxInFlight()))
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setVerifyHost(true)
                .setForceSni(true));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Posts the body; the returned stage always completes normally, failures become the response's error. */
    public CompletableFuture<WebhookResponse> post(String url, Map<String, String> headers, String body) {
        long started = System.nanoTime();
        RequestOptions options;
        try {
            options = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setAbsoluteURI(url.trim())
                    .setFollowRedirects(false)
                    // a receiver silent this long has timed out, as before its status line or inside its body
                    .setIdleTimeout(timeout.toMillis())
                    .putHeader("User-Agent", USER_AGENT);
            headers.forEach(options::putHeader);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new WebhookResponse(null, 0, "invalid request: " + e.getMessage()));
        }
        CompletableFuture<HttpClientResponse> answered = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        http.request(options)
                .compose(request -> {
                    sent.set(request);
                    return request.send(Buffer.buffer(body));
                })
                // the body is dropped as it arrives (no handler); a response can be complete by the time it is seen
                .compose(response -> response.end().map(response))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        answered.complete(result.result());
                    } else {
                        answered.completeExceptionally(result.cause());
                    }
                });
        // the idle timeout restarts with every chunk; this bound also covers a receiver that trickles its body
        return answered
                .orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    if (failure != null) {
                        HttpClientRequest request = sent.get();
                        if (request != null) {
                            // frees the connection of an attempt given up on
                            request.reset();
                        }
                        return new WebhookResponse(null, latency, describe(failure));
                    }
                    int status = response.statusCode();
                    String retryAfterHeader = status == 429 || status == 503 ? response.getHeader("Retry-After") : null;
                    Duration retryAfter = retryAfterHeader == null ? null : retryAfter(retryAfterHeader).orElse(null);
                    return new WebhookResponse(status, latency,
                            status >= 200 && status < 300 ? null : "the receiver answered HTTP " + status, retryAfter);
                });
    }

    /** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3); nothing when unreadable. */
    static java.util.Optional<Duration> retryAfter(String value) {
        String trimmed = value.trim();
        try {
            return java.util.Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
        } catch (NumberFormatException notSeconds) {
            try {
                java.time.Instant at = java.time.ZonedDateTime.parse(trimmed,
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration delay = Duration.between(java.time.Instant.now(), at);
                return java.util.Optional.of(delay.isNegative() ? Duration.ZERO : delay);
            } catch (java.time.format.DateTimeParseException notADate) {
                return java.util.Optional.empty();
            }
        }
    }

    private String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        // a connection that does not open in time reads in the log like any other silent receiver
        if (cause instanceof TimeoutException || cause instanceof io.netty.channel.ConnectTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "connection failed" + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
