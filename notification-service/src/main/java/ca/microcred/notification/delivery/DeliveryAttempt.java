package ca.microcred.notification.delivery;

import java.time.Instant;

/** One try at posting a notification, as the delivery log shows it. */
public class DeliveryAttempt {

    public Instant time;

    /** The receiver's HTTP status; null when no answer came. */
    public Integer statusCode;

    public long latencyMs;

    /** Why the attempt failed; null when it succeeded. */
    public String error;
}
