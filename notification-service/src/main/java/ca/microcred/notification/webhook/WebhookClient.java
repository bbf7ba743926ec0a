package ca.microcred.notification.webhook;

import ca.microcred.notification.config.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one webhook request without holding a thread while the receiver thinks. Redirects are not followed: a
 * redirect could lead to an address the target policy refuses, and Standard Webhooks counts 3xx as a failure.
 */
@ApplicationScoped
public class WebhookClient {

    static final String USER_AGENT = "MicroCred-Notification/1";

    private final HttpClient http;
    private final Duration timeout;

    public WebhookClient(NotificationConfig config) {
        this.timeout = config.webhookTimeout();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Posts the body; the returned stage always completes normally, failures become the response's error. */
    public CompletableFuture<WebhookResponse> post(String url, Map<String, String> headers, String body) {
        long started = System.nanoTime();
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url.trim()))
                    .timeout(timeout)
                    .header("User-Agent", USER_AGENT)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new WebhookResponse(null, 0, "invalid request: " + e.getMessage()));
        }
        // the request timeout ends at the status line; this bound also covers a receiver that never ends its body
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    if (failure != null) {
                        return new WebhookResponse(null, latency, describe(failure));
                    }
                    int status = response.statusCode();
                    java.time.Duration retryAfter = status == 429 || status == 503
                            ? response.headers().firstValue("Retry-After").flatMap(WebhookClient::retryAfter).orElse(null)
                            : null;
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
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "connection failed" + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
