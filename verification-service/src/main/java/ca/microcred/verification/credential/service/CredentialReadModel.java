package ca.microcred.verification.credential.service;

import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.verification.credential.CredentialRecord;
import ca.microcred.verification.credential.repository.CredentialRecordRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The registry of issued credentials as this service sees it: issuance facts and current status. */
@ApplicationScoped
public class CredentialReadModel {

    private final CredentialRecordRepository records;

    public CredentialReadModel(CredentialRecordRepository records) {
        this.records = records;
    }

    public void issued(String eventId, CredentialIssued event) {
        boolean applied = records.applyOnce(event.credentialId(), eventId, record -> record.applyIssuance(event));
        logOutcome(eventId, "issuance", applied);
    }

    public void statusChanged(String eventId, CredentialRevoked event) {
        boolean applied = records.applyOnce(event.credentialId(), eventId, record -> record.applyStatusChange(event));
        logOutcome(eventId, event.action().name().toLowerCase(), applied);
    }

    public Optional<CredentialRecord> findIssued(String credentialId) {
        return records.findIssued(credentialId);
    }

    public Optional<CredentialRecord> findIssuedByDocumentId(String documentId) {
        return documentId == null ? Optional.empty() : records.findIssuedByDocumentId(documentId);
    }

    // event ids only: credential ids lead to a learner and stay out of the logs
    private static void logOutcome(String eventId, String what, boolean applied) {
        if (applied) {
            Log.debugf("Applied %s event %s", what, eventId);
        } else {
            Log.debugf("Ignored redelivered %s event %s", what, eventId);
        }
    }
}
