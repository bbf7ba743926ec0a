package ca.microcred.contracts;

import ca.microcred.contracts.events.EventPayload;
import ca.microcred.contracts.events.EventType;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One CloudEvents 1.0 event as the services exchange it: the context attributes and the typed payload.
 * On Kafka it travels in binary mode ({@code ce_*} headers, JSON data, record key = {@link #subject()}); see
 * {@link EventCodec}.
 *
 * <p>The type and subject always agree with the payload, so an envelope cannot announce one aggregate and carry
 * another. {@code dataschema} defaults to the type's schema and {@code datacontenttype} to application/json.
 *
 * @param id              unique event id; consumers deduplicate on it, so a republished event keeps its id
 * @param source          URI reference of the producing service, e.g. {@code /issuer-service}
 * @param type            versioned CloudEvents type, e.g. {@code ca.microcred.credential.issued.v1}
 * @param subject         id of the aggregate the event belongs to (the Kafka record key)
 * @param time            when the change happened
 * @param dataschema      {@code $id} of the JSON Schema the data conforms to
 * @param datacontenttype always application/json
 * @param data            the payload
 */
public record EventEnvelope(String id, String source, String type, String subject, Instant time, String dataschema,
                            String datacontenttype, EventPayload data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public EventEnvelope {
        Objects.requireNonNull(data, "data");
        EventType eventType = EventType.of(data);
        requireText(id, "id");
        requireText(source, "source");
        requireText(type, "type");
        requireText(subject, "subject");
        Objects.requireNonNull(time, "time");
        if (!eventType.type().equals(type)) {
            throw new IllegalArgumentException("type " + type + " does not match the payload "
                    + data.getClass().getSimpleName() + " (" + eventType.type() + ")");
        }
        if (!subject.equals(data.subject())) {
            throw new IllegalArgumentException("subject " + subject + " is not the payload's aggregate id "
                    + data.subject());
        }
        if (dataschema == null) {
            dataschema = eventType.schemaUri();
        }
        if (datacontenttype == null) {
            datacontenttype = JSON;
        }
    }

    /** A new event for the payload: random UUID id, current time, type, subject and schema from the payload. */
    public static EventEnvelope of(String source, EventPayload data) {
        Objects.requireNonNull(data, "data");
        EventType eventType = EventType.of(data);
        return new EventEnvelope(UUID.randomUUID().toString(), source, eventType.type(), data.subject(),
                Instant.now(), eventType.schemaUri(), JSON, data);
    }

    /** The same event under a stable id, e.g. one assigned when the event was written to an outbox. */
    public EventEnvelope withId(String newId) {
        return new EventEnvelope(newId, source, type, subject, time, dataschema, datacontenttype, data);
    }

    /** The same event with another occurrence time, e.g. the time of the state change it announces. */
    public EventEnvelope withTime(Instant newTime) {
        return new EventEnvelope(id, source, type, subject, newTime, dataschema, datacontenttype, data);
    }

    public EventType eventType() {
        return EventType.of(data);
    }

    /** The topic the event is published on. */
    public String topic() {
        return eventType().topic();
    }

    /** The Kafka record key: the aggregate id, so one aggregate's events stay ordered. */
    public String key() {
        return subject;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
