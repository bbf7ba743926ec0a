package ca.microcred.issuer.completion;

import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.Province;

import java.time.Instant;
import java.util.List;

/**
 * A provider's results for one cohort, as accepted. One per cohort: accepting it closes the cohort.
 *
 * @param idempotencyKey the client's Idempotency-Key; without one, the completion's own id, so it matches no
 *                       other request
 * @param requestHash    SHA-256 of the accepted request, to tell a retry from a different request under a
 *                       reused key
 * @param language       language of the cohort and of the credential texts: {@code en} or {@code fr}
 * @param issued         credentials issued, as counted when the completion was completed; 0 before
 * @param proofFormat    {@code eddsa-rdfc-2022} or {@code vc-jwt}: how credentials of a registered provider are
 *                       signed
 * @param achievement    the Open Badges Achievement every credential of the completion embeds, as published when
 *                       the completion was accepted (JSON), so a resumed run issues the very same credentials
 * @param issuerName     the provider's name in the completion's language
 * @param includeLearnerName whether the credentials name the learner (the provider's setting on acceptance)
 */
public record Completion(
        String id,
        String providerId,
        String idempotencyKey,
        String requestHash,
        String cohortId,
        String achievementId,
        LocalizedText achievementName,
        Province province,
        DeliveryMode deliveryMode,
        String language,
        List<Learner> learners,
        CompletionStatus status,
        Instant acceptedAt,
        Instant completedAt,
        int issued,
        String proofFormat,
        String achievement,
        String issuerName,
        boolean includeLearnerName) {

    public static final String DATA_INTEGRITY = "eddsa-rdfc-2022";
    public static final String VC_JWT = "vc-jwt";

    public Completion {
        learners = List.copyOf(learners);
        proofFormat = proofFormat == null ? DATA_INTEGRITY : proofFormat;
    }

    public int enrolled() {
        return learners.size();
    }

    public List<Learner> passedLearners() {
        return learners.stream().filter(Learner::passed).toList();
    }

    public int passed() {
        return (int) learners.stream().filter(Learner::passed).count();
    }

    public List<Learner> graduates() {
        return learners.stream().filter(Learner::isGraduate).toList();
    }
}
