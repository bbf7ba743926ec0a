package ca.microcred.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A credential was issued to one learner.
 *
 * @param recipientHash  salted hash of the learner's email, as in the Open Badges IdentityObject
 *                       ({@code sha256$<hex>})
 * @param proofFormat    {@code eddsa-rdfc-2022}, {@code vc-jwt}, or {@code none} while a credential is
 *                       carried unsigned
 * @param credential     the credential document as issued (JSON-LD), or null when only a JWT exists
 * @param credentialJwt  the compact VC-JWT when issued in that format, otherwise null
 */
public record CredentialIssued(
        String credentialId,
        String achievementId,
        String providerId,
        String cohortId,
        String recipientHash,
        String recipientSalt,
        Instant issuedAt,
        Instant validFrom,
        Instant validUntil,
        String proofFormat,
        JsonNode credential,
        String credentialJwt,
        String publicUrl) implements EventPayload {

    @Override
    public String subject() {
        return credentialId;
    }
}
