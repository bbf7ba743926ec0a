package ca.microcred.verification.credential.repository;

import ca.microcred.verification.credential.CredentialRecord;
import ca.microcred.support.store.EventSourcedWrites;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.function.Consumer;

@ApplicationScoped
public class CredentialRecordRepository implements PanacheMongoRepositoryBase<CredentialRecord, String> {

    /** @return false when the record already reflected the event (a redelivery) */
    public boolean applyOnce(String credentialId, String eventId, Consumer<CredentialRecord> change) {
        return EventSourcedWrites.applyOnce(mongoCollection(), credentialId, eventId, CredentialRecord::new, change);
    }

    /** The record of a credential whose issuance is known; status changes alone do not make one. */
    public Optional<CredentialRecord> findIssued(String credentialId) {
        return findByIdOptional(credentialId).filter(record -> record.issued);
    }

    /** The issued credential whose document carries this {@code id}: a submitted copy of one of ours. */
    public Optional<CredentialRecord> findIssuedByDocumentId(String documentId) {
        return find("documentId", documentId).firstResultOptional().filter(record -> record.issued);
    }

    /** Hands every issued credential's document id to {@code sink}, reading only that field. */
    public void issuedDocumentIds(Consumer<String> sink) {
        for (CredentialRecord record : mongoCollection().find(Filters.eq("issued", true))
                .projection(Projections.include("documentId")).batchSize(10_000)) {
            if (record.documentId != null) {
                sink.accept(record.documentId);
            }
        }
    }
}
