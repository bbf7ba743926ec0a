package ca.microcred.registry.credential.repository;

import ca.microcred.registry.credential.CredentialRecord;
import ca.microcred.registry.ingest.DocumentWrites;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

@ApplicationScoped
public class CredentialRecordRepository implements PanacheMongoRepositoryBase<CredentialRecord, String> {

    /** Serves the operators' lookup by recipient, newest first. */
    public static final String RECIPIENT_INDEX = "recipientHash_1_issuedAt_-1";

    void createIndexes(@Observes StartupEvent startup) {
        mongoCollection().createIndex(
                Indexes.compoundIndex(Indexes.ascending("recipientHash"), Indexes.descending("issuedAt")),
                new IndexOptions().name(RECIPIENT_INDEX));
    }

    /** @return false when the record already reflected the event (a redelivery) */
    public boolean applyOnce(String credentialId, String eventId, Consumer<CredentialRecord> change) {
        return DocumentWrites.applyOnce(mongoCollection(), credentialId, eventId, CredentialRecord::new, change);
    }

    /** The record of a credential whose issuance is known; status changes alone do not make one. */
    public Optional<CredentialRecord> findIssued(String credentialId) {
        return findByIdOptional(credentialId).filter(record -> record.issued);
    }

    public List<CredentialRecord> findByRecipient(String recipientHash, int page, int size) {
        return find(issuedTo(recipientHash), new Document("issuedAt", -1).append("_id", 1))
                .page(Page.of(page, size))
                .list();
    }

    public long countByRecipient(String recipientHash) {
        return count(issuedTo(recipientHash));
    }

    private static Document issuedTo(String recipientHash) {
        return new Document("recipientHash", recipientHash).append("issued", true);
    }
}
