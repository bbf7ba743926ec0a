package ca.microcred.issuer.completion.messaging;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.EventRejectedException;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.issuer.completion.Completion;
import ca.microcred.issuer.completion.Learner;
import ca.microcred.issuer.config.IssuerConfig;
import ca.microcred.support.outbox.OutboxEntry;
import ca.microcred.contracts.events.EventType;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The events a completion publishes, as outbox entries to store in the documents whose change they announce:
 * CredentialIssued (credentials.events, key = credential id) and CohortCompleted (cohorts.events, key = cohort id).
 */
@Singleton // no client proxy: the signing threads use it, and they run outside any CDI context
public class CompletionEvents {

    /** CloudEvents {@code source} of everything this service publishes. */
    public static final String SOURCE = "/issuer-service";
    private static final String CREDENTIAL = "credential";
    private static final String CREDENTIAL_JWT = "credentialJwt";
    /** Characters of a token's payload segment the schema validator is shown. */
    private static final int KEPT_PAYLOAD = 64;

    private final EventCodec codec;
    private final IssuerConfig config;

    public CompletionEvents(EventCodec codec, IssuerConfig config) {
        this.codec = codec;
        this.config = config;
    }

    /**
     * A credential's CredentialIssued entry, with the credential's JSON (stored as issued) taken from the very
     * text the event carries.
     *
     * @param credentialJson the credential document as JSON, exactly as issued; null for a VC-JWT
     * @param event          the CredentialIssued outbox entry
     */
    public record Issued(String credentialJson, OutboxEntry event) {
    }

    /**
     * The CredentialIssued entry of a credential issued as a document ({@code credential}) or as a VC-JWT.
     * <p>
     * The credential is the bulk of the event (some 10 KB) and is written once: its JSON is both the stored
     * document and, embedded verbatim, the event's {@code credential}. The schema check runs on a tree of the
     * data that holds the credential node itself rather than a copy of it, then the tree is written out with the
     * credential's JSON in its place; {@link EventCodec#encodeData} would copy the credential into a new tree and
     * write it a second time. Every field of the data is validated against credential.issued.v1.json, the
     * credential document as the very node that is written. One rule is checked outside the schema validator: a
     * VC-JWT's pattern (three base64url segments) is checked by {@link #requireCompactJws} over the whole token, and
     * the validator, which applies that pattern with a regular expression costing as much as the rest of the event,
     * is shown the token with its payload segment cut to its first {@value #KEPT_PAYLOAD} characters (header and
     * signature whole). Nothing is left unchecked: the cut token matches the pattern exactly when the whole one does, and the schema
     * sets no other rule on the token.
     */
    public Issued credentialIssued(Completion completion, Learner learner, ObjectNode credential,
                                   String credentialJwt, String proofFormat, String publicUrl, Instant issuedAt) {
        CredentialIssued issued = new CredentialIssued(learner.credentialId(), completion.achievementId(),
                completion.providerId(), completion.cohortId(), learner.recipientHash(), learner.recipientSalt(),
                issuedAt, issuedAt, null, proofFormat, credential, credentialJwt, publicUrl);
        EventEnvelope envelope = EventEnvelope.of(SOURCE, issued).withTime(issuedAt);
        ObjectNode data = tree(issued);
        if (credentialJwt == null) {
            codec.validate(EventType.CREDENTIAL_ISSUED, data);
        } else {
            requireCompactJws(credentialJwt);
            // the schema validator sees the token with its payload segment cut short; the whole token has just
            // been held to the same pattern by the scan above
            data.put(CREDENTIAL_JWT, shortened(credentialJwt));
            codec.validate(EventType.CREDENTIAL_ISSUED, data);
            data.put(CREDENTIAL_JWT, credentialJwt);
        }
        try {
            String credentialJson = credential == null ? null : codec.mapper().writeValueAsString(credential);
            OutboxEntry event = new OutboxEntry(envelope.id(), EventType.CREDENTIAL_ISSUED.topic(),
                    envelope.subject(), codec.binaryHeaders(envelope), write(data, credentialJson));
            return new Issued(credentialJson, event);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write the CredentialIssued of " + learner.credentialId(), e);
        }
    }

    /**
     * The data as {@link EventCodec#encodeData} would see it (record order, ISO-8601 instants, nulls left out),
     * holding the credential node itself.
     */
    private ObjectNode tree(CredentialIssued issued) {
        ObjectNode data = codec.mapper().createObjectNode();
        putText(data, "credentialId", issued.credentialId());
        putText(data, "achievementId", issued.achievementId());
        putText(data, "providerId", issued.providerId());
        putText(data, "cohortId", issued.cohortId());
        putText(data, "recipientHash", issued.recipientHash());
        putText(data, "recipientSalt", issued.recipientSalt());
        putText(data, "issuedAt", issued.issuedAt() == null ? null : issued.issuedAt().toString());
        putText(data, "validFrom", issued.validFrom() == null ? null : issued.validFrom().toString());
        putText(data, "validUntil", issued.validUntil() == null ? null : issued.validUntil().toString());
        putText(data, "proofFormat", issued.proofFormat());
        if (issued.credential() != null) {
            data.set(CREDENTIAL, issued.credential());
        }
        putText(data, CREDENTIAL_JWT, issued.credentialJwt());
        putText(data, "publicUrl", issued.publicUrl());
        return data;
    }

    /** The data as JSON text, the credential field written as the given JSON of that same node. */
    private String write(ObjectNode data, String credentialJson) throws IOException {
        // segments joined once at the end: no copying as the text grows
        SegmentedStringWriter text = new SegmentedStringWriter(new BufferRecycler());
        try (JsonGenerator generator = codec.mapper().getFactory().createGenerator(text)) {
            generator.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> fields = data.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                generator.writeFieldName(field.getKey());
                if (CREDENTIAL.equals(field.getKey()) && credentialJson != null) {
                    generator.writeRawValue(credentialJson);
                } else {
                    generator.writeTree(field.getValue());
                }
            }
            generator.writeEndObject();
        }
        return text.getAndClear();
    }

    /**
     * The schema's pattern for {@code credentialJwt}, {@code ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$}
     * (three base64url segments, the first two not empty), checked by a scan: the schema validator's regular
     * expression engine takes some 100 µs over the 15 KB of a credential's token, as long as the rest of the event.
     *
     * @throws EventRejectedException SCHEMA_VIOLATION at {@code $.credentialJwt}
     */
    static void requireCompactJws(String token) {
        int dots = 0;
        int segmentLength = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (segmentLength == 0 || ++dots > 2) {
                    throw notCompactJws();
                }
                segmentLength = 0;
            } else if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
                segmentLength++;
            } else {
                throw notCompactJws();
            }
        }
        if (dots != 2) {
            throw notCompactJws();
        }
    }

    private static EventRejectedException notCompactJws() {
        return new EventRejectedException(EventRejectedException.Reason.SCHEMA_VIOLATION, EventType.CREDENTIAL_ISSUED
                .type() + " data does not match " + EventType.CREDENTIAL_ISSUED.schemaUri(),
                List.of(new EventRejectedException.Violation("$." + CREDENTIAL_JWT,
                        "is not a compact JWS: three base64url segments, the first two not empty")));
    }

    /** The token with at most {@value #KEPT_PAYLOAD} characters of its payload segment, which stays non-empty. */
    private static String shortened(String token) {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        return second - first - 1 <= KEPT_PAYLOAD ? token
                : token.substring(0, first + 1 + KEPT_PAYLOAD) + token.substring(second);
    }

    private static void putText(ObjectNode data, String field, String value) {
        if (value != null) {
            data.put(field, value);
        }
    }

    public OutboxEntry cohortCompleted(Completion completion, Instant completedAt) {
        return OutboxEntry.of(EventEnvelope.of(SOURCE, cohortCompletedPayload(completion, completedAt))
                .withTime(completedAt), codec);
    }

    /**
     * The CohortCompleted payload: counts over every learner (each listed learner has a result, so enrolled and
     * completed are equal), graduates only for learners who passed and consented, in request order.
     */
    public CohortCompleted cohortCompletedPayload(Completion completion, Instant completedAt) {
        List<CohortCompleted.Graduate> graduates = completion.graduates().stream()
                .map(g -> new CohortCompleted.Graduate(g.name(), g.email(), g.portfolioLinks(), g.credentialId(),
                        verifyUrl(g.credentialId())))
                .toList();
        return new CohortCompleted(completion.cohortId(), completion.id(), completion.achievementId(),
                completion.providerId(), nonBlank(completion.achievementName()), completion.province().name(),
                completion.deliveryMode().name(), completion.language(), completedAt, completion.enrolled(),
                completion.enrolled(), completion.passed(), graduates);
    }

    /** Where an employer checks a graduate's credential. */
    public String verifyUrl(String credentialId) {
        return config.verificationBase() + "/verifications/" + credentialId;
    }

    private static LocalizedText nonBlank(LocalizedText text) {
        return new LocalizedText(blankToNull(text.en()), blankToNull(text.fr()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
