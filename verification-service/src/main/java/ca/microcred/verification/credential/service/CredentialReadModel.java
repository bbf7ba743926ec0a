package ca.microcred.verification.credential.service;

import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.verification.credential.CredentialRecord;
import ca.microcred.verification.credential.repository.CredentialRecordRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The registry of issued credentials as this service sees it: issuance facts and current status.
 *
 * <p>Most credentials submitted by value are not ours; whether one is, is answered from memory
 * ({@link IssuedDocumentIndex}: the document ids of every issued credential, read from the database at start and
 * added to by this instance's consumer right after each issuance is written). Only a submitted credential whose id
 * may be ours is looked up in the database, and its status always comes from there, so a revocation or suspension
 * recorded by any instance is seen by the next verification.
 */
@ApplicationScoped
public class CredentialReadModel {

    private final CredentialRecordRepository records;
    private final IssuedDocumentIndex issuedDocuments = new IssuedDocumentIndex();
    private final ReentrantLock loading = new ReentrantLock();
    /** Until the index holds every issued credential of the database, the database answers every look-up. */
    private volatile boolean indexComplete;

    public CredentialReadModel(CredentialRecordRepository records) {
        this.records = records;
    }

    void loadAtStart(@Observes StartupEvent start) {
        try {
            loadIndex();
        } catch (RuntimeException e) {
            Log.warnf("Issued credentials not indexed at start (%s); the database answers until they are",
                    e.getMessage());
        }
    }

    public void issued(String eventId, CredentialIssued event) {
        boolean applied = records.applyOnce(event.credentialId(), eventId, record -> record.applyIssuance(event));
        // after the write, and on a redelivery too: the index never lacks a credential the database has
        String documentId = CredentialRecord.documentIdOf(event);
        if (documentId != null) {
            issuedDocuments.add(documentId);
        }
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
        if (documentId == null) {
            return Optional.empty();
        }
        if (indexed() && !issuedDocuments.mayContain(documentId)) {
            return Optional.empty();
        }
        return records.findIssuedByDocumentId(documentId);
    }

    private boolean indexed() {
        if (indexComplete) {
            return true;
        }
        // one caller indexes; the others ask the database meanwhile
        if (loading.tryLock()) {
            try {
                loadIndex();
            } catch (RuntimeException e) {
                Log.debugf("Issued credentials not indexed yet: %s", e.getMessage());
            } finally {
                loading.unlock();
            }
        }
        return indexComplete;
    }

    /**
     * Adds every issued credential in the database to the index the consumer adds to: an issuance written while
     * this reads is added by the consumer if the read misses it.
     */
    private void loadIndex() {
        loading.lock();
        try {
            if (indexComplete) {
                return;
            }
            records.issuedDocumentIds(issuedDocuments::add);
            indexComplete = true;
            Log.debugf("Indexed %d issued credentials", issuedDocuments.size());
        } finally {
            loading.unlock();
        }
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
