package ca.microcred.issuer.completion.messaging;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.issuer.completion.Completion;
import ca.microcred.issuer.completion.Learner;
import ca.microcred.issuer.config.IssuerConfig;
import ca.microcred.support.outbox.OutboxEntry;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/**
 * The events a completion publishes, as outbox entries to store in the documents whose change they announce:
 * CredentialIssued (credentials.events, key = credential id) and CohortCompleted (cohorts.events, key = cohort id).
 */
@Singleton // no client proxy: the signing threads use it, and they run outside any CDI context
public class CompletionEvents {

    /** CloudEvents {@code source} of everything this service publishes. */
    public static final String SOURCE = "/issuer-service";

    private final EventCodec codec;
    private final IssuerConfig config;

    public CompletionEvents(EventCodec codec, IssuerConfig config) {
        this.codec = codec;
        this.config = config;
    }

    public OutboxEntry credentialIssued(Completion completion, Learner learner, JsonNode credential,
                                        String credentialJwt, String proofFormat, String publicUrl,
                                        Instant issuedAt) {
        CredentialIssued issued = new CredentialIssued(learner.credentialId(), completion.achievementId(),
                completion.providerId(), completion.cohortId(), learner.recipientHash(), learner.recipientSalt(),
                issuedAt, issuedAt, null, proofFormat, credential, credentialJwt, publicUrl);
        return OutboxEntry.of(EventEnvelope.of(SOURCE, issued).withTime(issuedAt), codec);
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
