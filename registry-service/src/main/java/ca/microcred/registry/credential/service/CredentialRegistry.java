package ca.microcred.registry.credential.service;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.registry.audit.AuditTrail;
import ca.microcred.registry.credential.CredentialRecord;
import ca.microcred.registry.credential.repository.CredentialRecordRepository;
import ca.microcred.support.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Every credential's record: issuance facts, the document as issued, and its status over time. */
@ApplicationScoped
public class CredentialRegistry {

    private final CredentialRecordRepository records;
    private final EventCodec codec;
    private final AuditTrail audit;

    public CredentialRegistry(CredentialRecordRepository records, EventCodec codec, AuditTrail audit) {
        this.records = records;
        this.codec = codec;
        this.audit = audit;
    }

    public void issued(String eventId, CredentialIssued event) {
        String document = serialise(event);
        boolean applied = records.applyOnce(event.credentialId(), eventId,
                record -> record.applyIssuance(event, document, Instant.now()));
        audit(eventId, event.credentialId(), event.providerId(), applied);
        logOutcome(eventId, "issuance", applied);
    }

    public void statusChanged(String eventId, CredentialRevoked event) {
        boolean applied = records.applyOnce(event.credentialId(), eventId,
                record -> record.applyStatusChange(event, eventId, Instant.now()));
        audit(eventId, event.credentialId(), event.providerId(), applied);
        logOutcome(eventId, event.action().name().toLowerCase(), applied);
    }

    /** @throws ProblemException 404 unless the credential's issuance is recorded */
    public CredentialRecord get(String credentialId) {
        return records.findIssued(credentialId)
                .orElseThrow(() -> ProblemException.notFound("Credential", credentialId));
    }

    public List<CredentialRecord> byRecipient(String recipientHash, int page, int size) {
        return records.findByRecipient(CredentialRecord.normalizeRecipientHash(recipientHash), page, size);
    }

    public long countByRecipient(String recipientHash) {
        return records.countByRecipient(CredentialRecord.normalizeRecipientHash(recipientHash));
    }

    /** A redelivery after a stop between the record write and the audit append still completes the trail. */
    private void audit(String eventId, String credentialId, String providerId, boolean applied) {
        if (applied || !audit.recorded(eventId, credentialId)) {
            audit.append(eventId, "credential", credentialId, providerId, records.findById(credentialId));
        }
    }

    private String serialise(CredentialIssued event) {
        if (event.credential() == null || event.credential().isNull()) {
            return null;
        }
        try {
            return codec.mapper().writeValueAsString(event.credential());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise the credential document", e);
        }
    }

    // event ids only: credential ids lead to a learner and stay out of the logs
    private static void logOutcome(String eventId, String what, boolean applied) {
        if (applied) {
            Log.debugf("Recorded %s event %s", what, eventId);
        } else {
            Log.debugf("Record already reflects %s event %s", what, eventId);
        }
    }
}
