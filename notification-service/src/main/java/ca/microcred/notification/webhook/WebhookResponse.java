package ca.microcred.notification.webhook;

/**
 * What one webhook attempt produced.
 *
 * @param statusCode the receiver's HTTP status, or null when no answer came (refused, timed out, unreachable)
 * @param latencyMs  from sending the request to the end of the answer, or to the failure
 * @param error      why the attempt did not succeed, or null when it did
 */
public record WebhookResponse(Integer statusCode, long latencyMs, String error) {

    public boolean delivered() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
