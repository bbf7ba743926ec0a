package ca.microcred.registry.credential.rest;

import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.registry.credential.CredentialRecord;
import ca.microcred.registry.credential.CredentialStatus;
import ca.microcred.registry.credential.StatusChange;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A credential's full record, for registry operators. */
@Schema(name = "CredentialRecord")
public record CredentialRecordView(
        String credentialId,
        String achievementId,
        String providerId,
        String cohortId,
        Instant issuedAt,
        Instant validFrom,
        Instant validUntil,
        @Schema(description = "The learner's salted identity hash, sha256$<hex> with the hex in lower case")
        String recipientHash,
        @Schema(description = "eddsa-rdfc-2022 or vc-jwt; none for a credential the issuer published without a proof")
        String proofFormat,
        @Schema(type = SchemaType.OBJECT, description = "The credential document exactly as issued")
        @JsonRawValue
        String credential,
        @Schema(description = "The compact VC-JWT, when the credential was issued in that format")
        String credentialJwt,
        String publicUrl,
        CredentialStatus status,
        String statusReason,
        Instant statusChangedAt,
        @Schema(description = "Every status decision, in order of effect")
        List<StatusChangeView> statusHistory,
        @Schema(description = "When the registry recorded the issuance")
        Instant recordedAt) {

    public static CredentialRecordView of(CredentialRecord record) {
        List<StatusChangeView> history = record.statusHistory == null ? List.of()
                : record.statusHistory.stream().map(StatusChangeView::of).toList();
        return new CredentialRecordView(record.id, record.achievementId, record.providerId, record.cohortId,
                record.issuedAt, record.validFrom, record.validUntil, record.recipientHash, record.proofFormat,
                record.credential, record.credentialJwt, record.publicUrl, record.status, record.statusReason,
                record.statusChangedAt, history, record.recordedAt);
    }

    /** One status decision of the issuer. */
    @Schema(name = "StatusChange")
    public record StatusChangeView(
            CredentialRevoked.Action action,
            @Schema(description = "The status the decision leads to") CredentialStatus status,
            String reason,
            Instant effectiveAt,
            @Schema(description = "The event that carried the decision") String eventId,
            Instant recordedAt) {

        static StatusChangeView of(StatusChange change) {
            return new StatusChangeView(change.action, change.status, change.reason, change.effectiveAt,
                    change.eventId, change.recordedAt);
        }
    }
}
