package ca.microcred.contracts;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An event that is not a valid contract event: wrong or missing CloudEvents attributes, an unknown type, data
 * that is not JSON or does not match the type's schema. Consumers route such events to the dead-letter topic;
 * {@link #reason()} is meant for metrics and routing, {@link #getMessage()} for people.
 */
public class EventRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an event was rejected. */
    public enum Reason {
        /** {@code ce_type} names no type in {@link ca.microcred.contracts.events.EventType}. */
        UNKNOWN_TYPE,
        /** A required {@code ce_*} attribute is absent or blank. */
        MISSING_ATTRIBUTE,
        /** An attribute is present but unusable: a malformed time, a foreign dataschema, a subject that is not
         * the payload's aggregate id, a content type other than JSON. */
        INVALID_ATTRIBUTE,
        /** {@code ce_specversion} is not 1.0. */
        UNSUPPORTED_SPEC_VERSION,
        /** The data is empty or not a single JSON document. */
        MALFORMED_JSON,
        /** The data is JSON but does not match the type's schema. */
        SCHEMA_VIOLATION
    }

    /** One schema violation: where in the data ({@code $.graduates[0].email}) and what is wrong. */
    public record Violation(String path, String message) {

        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    private final Reason reason;
    private final List<Violation> violations;

    public EventRejectedException(Reason reason, String message) {
        this(reason, message, List.of(), null);
    }

    public EventRejectedException(Reason reason, String message, Throwable cause) {
        this(reason, message, List.of(), cause);
    }

    public EventRejectedException(Reason reason, String message, List<Violation> violations) {
        this(reason, message, violations, null);
    }

    private EventRejectedException(Reason reason, String message, List<Violation> violations, Throwable cause) {
        super(describe(message, violations), cause);
        this.reason = reason;
        this.violations = List.copyOf(violations);
    }

    public Reason reason() {
        return reason;
    }

    /** Every schema violation found, in document order; empty unless {@link #reason()} is SCHEMA_VIOLATION. */
    public List<Violation> violations() {
        return violations;
    }

    private static String describe(String message, List<Violation> violations) {
        if (violations.isEmpty()) {
            return message;
        }
        return message + ": " + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
