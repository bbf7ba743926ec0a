package ca.microcred.verification.credential;

import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.support.store.EventSourcedDocument;
import io.quarkus.mongodb.panache.common.MongoEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What this service knows about one credential, built from credentials.events. Nothing about the learner is
 * kept: verification needs the issuance facts and the status, not the recipient.
 *
 * <p>A status change may arrive before the issuance it belongs to (a replayed or re-partitioned topic); it is
 * kept, and the document only answers verifications once {@link #issued} is true. Every status change is kept
 * in {@link #statusChanges} and the current status is recomputed from all of them, so the result does not depend
 * on the order in which the changes arrived.
 */
@MongoEntity(collection = "credentials")
public class CredentialRecord extends EventSourcedDocument {

    /** True once the CredentialIssued event was applied; until then only status changes are known. */
    public boolean issued;
    public String achievementId;
    public String providerId;
    public Instant issuedAt;
    public Instant validFrom;
    public Instant validUntil;
    public String proofFormat;
    /** The credential's own {@code id} (its public URL), by which a submitted copy is recognised as ours. */
    public String documentId;
    /** The credential exactly as issued, when issued as JSON-LD; its proof is checked on every verification. */
    public String credentialJson;
    /** The compact VC-JWT as issued, when issued in that format. */
    public String credentialJwt;

    public CredentialStatus status = CredentialStatus.ACTIVE;
    public String statusReason;
    public Instant statusChangedAt;
    public List<StatusChange> statusChanges = new ArrayList<>();

    /** One status decision of the issuer, as published. */
    public static class StatusChange {
        /** The status the decision leads to: a reinstatement leads back to ACTIVE. */
        public CredentialStatus status;
        public String reason;
        public Instant effectiveAt;

        public StatusChange() {
        }

        StatusChange(CredentialStatus status, String reason, Instant effectiveAt) {
            this.status = status;
            this.reason = reason;
            this.effectiveAt = effectiveAt;
        }
    }

    public void applyIssuance(CredentialIssued event) {
        issued = true;
        achievementId = event.achievementId();
        providerId = event.providerId();
        issuedAt = event.issuedAt();
        validFrom = event.validFrom();
        validUntil = event.validUntil();
        proofFormat = event.proofFormat();
        credentialJson = event.credential() == null || event.credential().isNull() ? null : event.credential().toString();
        credentialJwt = event.credentialJwt();
        documentId = documentIdOf(event);
    }

    /** The id a submitted copy of this credential carries: the document's own {@code id}, else its public URL. */
    public static String documentIdOf(CredentialIssued event) {
        String ownId = event.credential() == null ? null : event.credential().path("id").asText(null);
        return ownId != null ? ownId : event.publicUrl();
    }

    public void applyStatusChange(CredentialRevoked event) {
        if (providerId == null) {
            providerId = event.providerId();
        }
        if (statusChanges == null) {
            statusChanges = new ArrayList<>();
        }
        statusChanges.add(new StatusChange(statusAfter(event.action()), event.reason(), event.effectiveAt()));
        resolveStatus();
    }

    /**
     * A revocation is final, whatever follows it; otherwise the latest decision by effective time wins, and of
     * two decisions with the same time the one that arrived last.
     */
    private void resolveStatus() {
        StatusChange revocation = null;
        StatusChange latest = null;
        for (StatusChange change : statusChanges) {
            if (change.status == CredentialStatus.REVOKED
                    && (revocation == null || change.effectiveAt.isBefore(revocation.effectiveAt))) {
                revocation = change;
            }
            if (latest == null || !change.effectiveAt.isBefore(latest.effectiveAt)) {
                latest = change;
            }
        }
        StatusChange decisive = revocation != null ? revocation : latest;
        if (decisive == null) {
            status = CredentialStatus.ACTIVE;
            statusReason = null;
            statusChangedAt = null;
        } else {
            status = decisive.status;
            statusReason = decisive.reason;
            statusChangedAt = decisive.effectiveAt;
        }
    }

    private static CredentialStatus statusAfter(CredentialRevoked.Action action) {
        return switch (action) {
            case REVOKED -> CredentialStatus.REVOKED;
            case SUSPENDED -> CredentialStatus.SUSPENDED;
            case REINSTATED -> CredentialStatus.ACTIVE;
        };
    }
}
