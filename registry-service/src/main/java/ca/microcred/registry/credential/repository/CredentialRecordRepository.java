package ca.microcred.registry.credential.repository;

import ca.microcred.registry.credential.CredentialRecord;
import ca.microcred.support.store.EventSourcedWrites;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Indexes;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.conversions.Bson;
import org.bson.io.BasicOutputBuffer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.function.Consumer;

@ApplicationScoped
public class CredentialRecordRepository implements PanacheMongoRepositoryBase<CredentialRecord, String> {

    /** Serves the operators' lookup by recipient, newest first. */
    public static final String RECIPIENT_INDEX = "recipientHash_1_issuedAt_-1";

    private static final Bson SUMMARY = Projections.include("issued", "achievementId", "providerId", "cohortId",
            "issuedAt", "status", "statusReason", "statusChangedAt");

    void createIndexes(@Observes StartupEvent startup) {
        mongoCollection().createIndex(
                Indexes.compoundIndex(Indexes.ascending("recipientHash"), Indexes.descending("issuedAt")),
                new IndexOptions().name(RECIPIENT_INDEX));
    }

    /** @return false when the record already reflected the event (a redelivery) */
    public boolean applyOnce(String credentialId, String eventId, Consumer<CredentialRecord> change) {
        return EventSourcedWrites.applyOnce(mongoCollection(), credentialId, eventId, CredentialRecord::new, change);
    }

    /** The ids among these that have a record (of an issuance or of a status change only). */
    public Set<String> existingIds(Collection<String> credentialIds) {
        Set<String> existing = new HashSet<>();
        mongoCollection().withDocumentClass(Document.class).find(Filters.in("_id", credentialIds))
                .projection(Projections.include("_id")).forEach(d -> existing.add(d.getString("_id")));
        return existing;
    }

    /**
     * Inserts records in one write and returns the ones written exactly as a read of their stored documents would
     * return them (instants at millisecond precision, every field through the collection's codec), without asking
     * the store: each record is encoded once, and the bytes sent are the bytes read back.
     *
     * @return the records written, in order; records whose id another writer inserted first are left out
     */
    public List<CredentialRecord> insertNew(List<CredentialRecord> created) {
        Codec<CredentialRecord> codec = mongoCollection().getCodecRegistry().get(CredentialRecord.class);
        EncoderContext encoding = EncoderContext.builder().isEncodingCollectibleDocument(true).build();
        List<RawBsonDocument> documents = new ArrayList<>(created.size());
        for (CredentialRecord record : created) {
            BasicOutputBuffer bson = new BasicOutputBuffer(1024);
            codec.encode(new BsonBinaryWriter(bson), record, encoding);
            documents.add(new RawBsonDocument(bson.getInternalBuffer(), 0, bson.getPosition()));
        }
        Set<Integer> raced = new HashSet<>();
        try {
            mongoCollection().withDocumentClass(RawBsonDocument.class)
                    .insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (var error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                raced.add(error.getIndex());
            }
        }
        DecoderContext decoding = DecoderContext.builder().build();
        List<CredentialRecord> stored = new ArrayList<>(documents.size() - raced.size());
        for (int i = 0; i < documents.size(); i++) {
            if (!raced.contains(i)) {
                stored.add(documents.get(i).decode(codec));
            }
        }
        return stored;
    }

    /** The record of a credential whose issuance is known; status changes alone do not make one. */
    public Optional<CredentialRecord> findIssued(String credentialId) {
        return findByIdOptional(credentialId).filter(record -> record.issued);
    }

    /**
     * The record of an issued credential with only the fields its public summary shows: the credential as issued,
     * its JWT and the status history, most of a record's bytes, are neither sent by the store nor decoded.
     */
    public Optional<CredentialRecord> findIssuedSummary(String credentialId) {
        return Optional.ofNullable(mongoCollection().find(Filters.eq("_id", credentialId)).projection(SUMMARY).first())
                .filter(record -> record.issued);
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
