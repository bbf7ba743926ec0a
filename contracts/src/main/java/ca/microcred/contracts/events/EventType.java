package ca.microcred.contracts.events;

import ca.microcred.contracts.Topics;

import java.util.Arrays;
import java.util.Optional;

/** Every event the system exchanges: its CloudEvents type, topic, payload record and JSON Schema. */
public enum EventType {
    PROVIDER_REGISTERED("ca.microcred.provider.registered.v1", Topics.PROVIDERS, ProviderRegistered.class),
    ACHIEVEMENT_PUBLISHED("ca.microcred.achievement.published.v1", Topics.ACHIEVEMENTS, AchievementPublished.class),
    COHORT_COMPLETED("ca.microcred.cohort.completed.v1", Topics.COHORTS, CohortCompleted.class),
    CREDENTIAL_ISSUED("ca.microcred.credential.issued.v1", Topics.CREDENTIALS, CredentialIssued.class),
    CREDENTIAL_REVOKED("ca.microcred.credential.revoked.v1", Topics.CREDENTIALS, CredentialRevoked.class),
    PROVIDER_ACCREDITATION_CHANGED("ca.microcred.provider.accreditation-changed.v1", Topics.REGISTRY,
            ProviderAccreditationChanged.class);

    private final String type;
    private final String topic;
    private final Class<? extends EventPayload> payloadType;

    EventType(String type, String topic, Class<? extends EventPayload> payloadType) {
        this.type = type;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    /** CloudEvents {@code type} attribute, versioned. */
    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /** Classpath location of the payload's JSON Schema, e.g. {@code schemas/credential.issued.v1.json}. */
    public String schemaResource() {
        return "schemas/" + type.substring("ca.microcred.".length()) + ".json";
    }

    /** The schema's {@code $id}, carried as the CloudEvents {@code dataschema} attribute. */
    public String schemaUri() {
        return "https://microcred.ca/schemas/" + type.substring("ca.microcred.".length()) + ".json";
    }

    public static Optional<EventType> fromType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    public static EventType of(EventPayload payload) {
        for (EventType t : values()) {
            if (t.payloadType == payload.getClass()) {
                return t;
            }
        }
        throw new IllegalArgumentException("no event type for " + payload.getClass().getName());
    }
}
