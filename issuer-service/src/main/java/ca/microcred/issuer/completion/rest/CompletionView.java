package ca.microcred.issuer.completion.rest;

import ca.microcred.issuer.completion.Completion;
import ca.microcred.issuer.completion.CompletionStatus;
import ca.microcred.issuer.completion.Learner;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A completion and how far its issuance got.
 *
 * @param issued      credentials stored so far; equals {@code passed} once the status is COMPLETED
 * @param credentials one entry per passed learner, in request order; ids are assigned on acceptance, so a URL
 *                    answers 404 until its credential is issued
 */
@Schema(name = "Completion")
public record CompletionView(
        String id,
        String providerId,
        String cohortId,
        String achievementId,
        CompletionStatus status,
        int enrolled,
        int passed,
        int issued,
        Instant acceptedAt,
        Instant completedAt,
        List<CredentialLink> credentials) {

    /** Where a learner's credential is served (public; not signed yet). */
    @Schema(name = "CredentialLink")
    public record CredentialLink(String credentialId, String url) {
    }

    public static CompletionView of(Completion completion, int issued, String publicBase) {
        List<CredentialLink> links = completion.passedLearners().stream()
                .map(Learner::credentialId)
                .map(id -> new CredentialLink(id, publicBase + "/credentials/" + id))
                .toList();
        return new CompletionView(completion.id(), completion.providerId(), completion.cohortId(),
                completion.achievementId(), completion.status(), completion.enrolled(), completion.passed(), issued,
                completion.acceptedAt(), completion.completedAt(), links);
    }
}
