package ca.microcred.credentials.openbadges;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.jsonld.OfflineDocumentLoader;
import ca.microcred.credentials.status.BitstringStatusListEntry;

/**
 * Builds Open Badges 3.0 credentials and converts them to and from JSON. Contexts are the VC 2.0 context, then
 * Open Badges 3.0.3, then the micro-credential extension context when an extension term is used.
 */
public final class OpenBadgeCredentials {

    public static final String VC_CONTEXT = OfflineDocumentLoader.CREDENTIALS_V2;
    public static final String OB_CONTEXT = OfflineDocumentLoader.OPEN_BADGES_V3;
    public static final String MICROCREDENTIAL_CONTEXT = OfflineDocumentLoader.MICROCREDENTIAL_V1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private OpenBadgeCredentials() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The credential as a JSON-LD document ready to be signed. */
    public static ObjectNode toJson(OpenBadgeCredential credential) {
        return MAPPER.valueToTree(credential);
    }

    /** Reads a credential document (a signed one's proof is ignored). */
    public static OpenBadgeCredential fromJson(JsonNode json) {
        try {
            return MAPPER.treeToValue(json, OpenBadgeCredential.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an OpenBadgeCredential: " + e.getMessage(), e);
        }
    }

    /** A published achievement on its own, as a JSON-LD document (what its public URL serves). */
    public static ObjectNode achievementDocument(Achievement achievement) {
        ObjectNode document = MAPPER.createObjectNode();
        ArrayNode context = document.putArray("@context");
        contexts(achievement.usesExtensionTerms()).forEach(context::add);
        document.setAll((ObjectNode) MAPPER.valueToTree(achievement));
        return document;
    }

    /** The JSON mapper the model is written with (NON_NULL, lenient on unknown fields). Thread-safe. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    static List<String> contexts(boolean extensions) {
        return extensions ? List.of(VC_CONTEXT, OB_CONTEXT, MICROCREDENTIAL_CONTEXT) : List.of(VC_CONTEXT, OB_CONTEXT);
    }

    /** XML Schema dateTime, whole seconds, UTC: the form VC validFrom/validUntil use. */
    public static String dateTime(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Assembles an {@link OpenBadgeCredential}; {@link #build()} lists every missing required field. */
    public static final class Builder {
        private String id;
        private String name;
        private String description;
        private Profile issuer;
        private Instant validFrom;
        private Instant validUntil;
        private AchievementSubject subject;
        private final List<Evidence> evidence = new ArrayList<>();
        private final List<BitstringStatusListEntry> status = new ArrayList<>();

        private Builder() {
        }

        /** The credential's id, e.g. {@code urn:uuid:...} or its public URL. */
        public Builder id(String value) {
            this.id = value;
            return this;
        }

        /** Defaults to the achievement's name. */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder issuer(Profile value) {
            this.issuer = value;
            return this;
        }

        public Builder validFrom(Instant value) {
            this.validFrom = value;
            return this;
        }

        public Builder validUntil(Instant value) {
            this.validUntil = value;
            return this;
        }

        public Builder subject(AchievementSubject value) {
            this.subject = value;
            return this;
        }

        public Builder evidence(Evidence value) {
            evidence.add(value);
            return this;
        }

        /** Adds a status entry; call once per purpose (revocation, suspension) the issuer publishes. */
        public Builder status(BitstringStatusListEntry value) {
            status.add(value);
            return this;
        }

        public OpenBadgeCredential build() {
            List<String> missing = new ArrayList<>();
            if (id == null) {
                missing.add("id");
            }
            if (issuer == null) {
                missing.add("issuer");
            }
            if (validFrom == null) {
                missing.add("validFrom");
            }
            if (subject == null) {
                missing.add("credentialSubject");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("an OpenBadgeCredential needs " + String.join(", ", missing));
            }
            if (validUntil != null && !validUntil.isAfter(validFrom)) {
                throw new IllegalStateException("validUntil must be after validFrom");
            }
            Achievement achievement = subject.achievement();
            return new OpenBadgeCredential(contexts(achievement.usesExtensionTerms()), id, null,
                    name != null ? name : achievement.name(), description, issuer, dateTime(validFrom),
                    validUntil == null ? null : dateTime(validUntil), subject, evidence, status);
        }
    }
}
