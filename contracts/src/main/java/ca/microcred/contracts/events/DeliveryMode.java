package ca.microcred.contracts.events;

/** How a micro-credential is delivered: the values {@code deliveryMode} fields may carry. */
public enum DeliveryMode {
    ONLINE, IN_PERSON, HYBRID
}
