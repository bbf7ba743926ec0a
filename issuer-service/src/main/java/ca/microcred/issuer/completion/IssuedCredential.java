package ca.microcred.issuer.completion;

import java.time.Instant;

/**
 * A credential as issued to one learner of a completion.
 *
 * @param id   the credential id; its public URL is {@code <public base>/credentials/<id>}
 * @param json the credential document exactly as issued, served as is; null for a VC-JWT, whose payload is the
 *             document (stored once, in the token)
 * @param jwt  the compact VC-JWT when the credential was issued as one, else null
 * @param statusIndex its index in the provider's status lists (both purposes); null for an unsigned credential
 */
public record IssuedCredential(
        String id,
        String completionId,
        String cohortId,
        String providerId,
        String achievementId,
        String recipientHash,
        String proofFormat,
        Instant issuedAt,
        String json,
        String jwt,
        Integer statusIndex) {
}
