package ca.microcred.notification.webhook;

/**
 * What one webhook attempt produced.
 *
 * @param statusCode the receiver's HTTP status, or null when no answer came (refused, timed out, unreachable)
 * @param latencyMs  from sending the request to the end of the answer, or to the failure
 * @param error      why the attempt did not succeed, or null when it did
 * @param retryAfter how long the receiver asked to be left alone (Retry-After of a 429 or 503), or null
 */
public record WebhookResponse(Integer statusCode, long latencyMs, String error, java.time.Duration retryAfter) {

    public WebhookResponse(Integer statusCode, long latencyMs, String error) {
        this(statusCode, latencyMs, error, null);
    }

    /** Whether the notification got through: a webhook answered 2xx, or the mail server accepted the message. */
    public boolean delivered() {
        return error == null;
    }
}
