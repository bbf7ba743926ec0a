package ca.microcred.registry.credential.service;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.registry.audit.AuditTrail;
import ca.microcred.registry.credential.CredentialRecord;
import ca.microcred.registry.credential.repository.CredentialRecordRepository;
import ca.microcred.registry.ingest.ProcessedEvents;
import ca.microcred.support.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every credential's record: issuance facts, the document as issued, and its status over time. */
@ApplicationScoped
public class CredentialRegistry {

    private final CredentialRecordRepository records;
    private final EventCodec codec;
    private final AuditTrail audit;
    private final ProcessedEvents processed;

    public CredentialRegistry(CredentialRecordRepository records, EventCodec codec, AuditTrail audit,
                              ProcessedEvents processed) {
        this.records = records;
        this.codec = codec;
        this.audit = audit;
        this.processed = processed;
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

    /**
     * Records a batch of issuances with a handful of round trips whatever its size: one look-up of the ledger, one
     * of the records, one insert of the new records, one batch of audit entries and one insert into the ledger. Only issuances of credentials without a record take this path; an issuance whose credential
     * already has a record (a status change that came first, a redelivery after a stop, a second issuance of the
     * same id in the batch) is returned to be handled one by one like any other event.
     *
     * @return the events this did not handle
     */
    public List<EventEnvelope> issuedAll(List<EventEnvelope> events) {
        Set<String> seen = processed.seen(events.stream().map(EventEnvelope::id).toList());
        Map<String, EventEnvelope> fresh = new LinkedHashMap<>();
        List<EventEnvelope> leftover = new ArrayList<>();
        for (EventEnvelope event : events) {
            String credentialId = ((CredentialIssued) event.data()).credentialId();
            if (seen.contains(event.id())) {
                processed.redelivered(event);
            } else if (fresh.containsKey(credentialId)) {
                leftover.add(event);
            } else {
                fresh.put(credentialId, event);
            }
        }
        if (fresh.isEmpty()) {
            return leftover;
        }
        for (String existing : records.existingIds(fresh.keySet())) {
            leftover.add(fresh.remove(existing));
        }
        Instant now = Instant.now();
        List<CredentialRecord> created = new ArrayList<>(fresh.size());
        for (EventEnvelope event : fresh.values()) {
            CredentialIssued issued = (CredentialIssued) event.data();
            CredentialRecord record = new CredentialRecord();
            record.id = issued.credentialId();
            record.applyIssuance(issued, serialise(issued), now);
            record.appliedEventIds.add(event.id());
            record.version = 1;
            created.add(record);
        }
        List<CredentialRecord> stored = records.insertNew(created);
        Set<String> written = new HashSet<>();
        stored.forEach(record -> written.add(record.id));
        for (CredentialRecord record : created) {
            if (!written.contains(record.id)) {
                leftover.add(fresh.remove(record.id));
            }
        }
        List<AuditTrail.Pending> entries = new ArrayList<>(stored.size());
        // the state hashed is the stored one, as an auditor reading the record back would hash it
        for (CredentialRecord record : stored) {
            EventEnvelope event = fresh.get(record.id);
            entries.add(new AuditTrail.Pending(event.id(), "credential", record.id,
                    ((CredentialIssued) event.data()).providerId(), record));
        }
        audit.appendAll(entries);
        processed.recordAll(new ArrayList<>(fresh.values()));
        Log.debugf("Recorded %d issuance events in one batch; %d left to handle one by one", fresh.size(),
                leftover.size());
        return leftover;
    }

    /** @throws ProblemException 404 unless the credential's issuance is recorded */
    public CredentialRecord get(String credentialId) {
        return records.findIssued(credentialId)
                .orElseThrow(() -> ProblemException.notFound("Credential", credentialId));
    }

    /**
     * The issued credential's record with only its public summary fields filled in.
     *
     * @throws ProblemException 404 unless the credential's issuance is recorded
     */
    public CredentialRecord summary(String credentialId) {
        return records.findIssuedSummary(credentialId)
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
