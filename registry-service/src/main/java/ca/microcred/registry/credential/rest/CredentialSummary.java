package ca.microcred.registry.credential.rest;

import ca.microcred.registry.credential.CredentialRecord;
import ca.microcred.registry.credential.CredentialStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** What anyone may know about a credential: its facts and status, nothing about the learner. */
@Schema(name = "CredentialSummary")
public record CredentialSummary(
        String credentialId,
        String achievementId,
        String providerId,
        @Schema(description = "The cohort the credential was earned in, when the issuer named one")
        String cohortId,
        Instant issuedAt,
        CredentialStatus status,
        @Schema(description = "The issuer's reason for the current status; absent while ACTIVE")
        String statusReason,
        @Schema(description = "When the current status took effect; absent while ACTIVE")
        Instant statusChangedAt) {

    public static CredentialSummary of(CredentialRecord record) {
        return new CredentialSummary(record.id, record.achievementId, record.providerId, record.cohortId,
                record.issuedAt, record.status, record.statusReason, record.statusChangedAt);
    }
}
