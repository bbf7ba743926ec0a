package ca.microcred.registry.credential;

import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.support.store.EventSourcedDocument;
import io.quarkus.mongodb.panache.common.MongoEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The registry's record of one credential; {@code _id} is the credential id.
 *
 * <p>A status change may arrive before the issuance it belongs to (a producer that publishes from two documents, a
 * replayed topic). It is kept in the same document, which stays invisible until {@link #issued} is true, and counts
 * as soon as the issuance arrives. The first issuance wins: a second CredentialIssued for the same credential id
 * changes nothing. The status is recomputed from the whole history on every change, so it does not depend on the
 * order in which the decisions arrived.
 */
@MongoEntity(collection = "credentials")
public class CredentialRecord extends EventSourcedDocument {

    /** True once the CredentialIssued event was applied; until then only status changes are known. */
    public boolean issued;
    public String achievementId;
    public String providerId;
    public String cohortId;
    public Instant issuedAt;
    public Instant validFrom;
    public Instant validUntil;
    /** The learner's salted identity hash ({@code sha256$<hex>}, hex in lower case). */
    public String recipientHash;
    public String proofFormat;
    /** The credential document exactly as issued (JSON text), or null when only a JWT was issued. */
    public String credential;
    public String credentialJwt;
    public String publicUrl;
    /** When the registry recorded the issuance. */
    public Instant recordedAt;

    public CredentialStatus status = CredentialStatus.ACTIVE;
    public String statusReason;
    public Instant statusChangedAt;
    /** Every status decision, ordered by effective time (arrival order among equal times). */
    public List<StatusChange> statusHistory = new ArrayList<>();

    /**
     * Fills in the issuance facts unless an issuance is already recorded.
     *
     * @param credentialJson the credential document as issued, serialised, or null
     */
    public void applyIssuance(CredentialIssued event, String credentialJson, Instant now) {
        if (issued) {
            return;
        }
        issued = true;
        achievementId = event.achievementId();
        providerId = event.providerId();
        cohortId = event.cohortId();
        issuedAt = event.issuedAt();
        validFrom = event.validFrom();
        validUntil = event.validUntil();
        recipientHash = normalizeRecipientHash(event.recipientHash());
        proofFormat = event.proofFormat();
        credential = credentialJson;
        credentialJwt = event.credentialJwt();
        publicUrl = event.publicUrl();
        recordedAt = now;
    }

    public void applyStatusChange(CredentialRevoked event, String eventId, Instant now) {
        if (providerId == null) {
            providerId = event.providerId();
        }
        if (statusHistory == null) {
            statusHistory = new ArrayList<>();
        }
        StatusChange change = new StatusChange(event, eventId, now);
        int position = statusHistory.size();
        while (position > 0 && statusHistory.get(position - 1).effectiveAt.isAfter(change.effectiveAt)) {
            position--;
        }
        statusHistory.add(position, change);
        resolveStatus();
    }

    /** The hex digits of a hash are case-insensitive; one spelling lets lookups match exactly. */
    public static String normalizeRecipientHash(String hash) {
        return hash == null ? null : hash.toLowerCase(Locale.ROOT);
    }

    /**
     * The earliest revocation is final, whatever follows it; otherwise the latest decision by effective time holds,
     * so a reinstatement lifts the suspension before it but not one decided after it.
     */
    private void resolveStatus() {
        StatusChange decisive = null;
        for (StatusChange change : statusHistory) {
            if (change.status == CredentialStatus.REVOKED) {
                decisive = change;
                break;
            }
            decisive = change;
        }
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
}
