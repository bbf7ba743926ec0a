package ca.microcred.notification.delivery;

/** Where a delivery stands. Only PENDING deliveries are ever attempted. */
public enum DeliveryStatus {
    /** Waiting for its first attempt or for a retry. */
    PENDING,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Every attempt of the retry schedule failed. */
    FAILED,
    /** The subscription was deleted before the notification could be delivered. */
    CANCELLED
}
