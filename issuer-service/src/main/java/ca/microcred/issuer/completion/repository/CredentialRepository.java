package ca.microcred.issuer.completion.repository;

import ca.microcred.issuer.completion.IssuedCredential;
import ca.microcred.issuer.revocation.CredentialState;
import ca.microcred.issuer.revocation.repository.CredentialStatusRepository;
import ca.microcred.support.outbox.OutboxEntry;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code credentials} collection: one document per issued credential, carrying its own CredentialIssued
 * outbox entry so the credential and its announcement are written together. The credential id and the
 * (cohort, recipient) pair are unique, so issuing again after a crash stores nothing twice.
 */
@ApplicationScoped
public class CredentialRepository {

    public static final String COLLECTION = "credentials";

    private final MongoCollection<Document> collection;

    /** A credential and the CredentialIssued outbox entry stored in its document. */
    public record Announced(IssuedCredential credential, OutboxEntry event) {
    }

    public CredentialRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    public void createIndexes() {
        collection.createIndex(Indexes.ascending("cohortId", "recipientHash"),
                new IndexOptions().unique(true).name("cohortId_recipientHash"));
        collection.createIndex(Indexes.ascending("completionId"), new IndexOptions().name("completionId"));
    }

    /**
     * Stores the credentials with their outbox entries; those already stored by an earlier run are skipped.
     *
     * @param credentials each credential with the CredentialIssued entry that announces it
     * @return true when every one was stored by this call, with the given entry; false when some were there
     *         already (their stored entries are not the given ones)
     */
    public boolean insertAll(List<Announced> credentials) {
        if (credentials.isEmpty()) {
            return true;
        }
        List<Document> documents = new ArrayList<>(credentials.size());
        credentials.forEach(c -> documents.add(toDocument(c.credential(), c.event())));
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
            return true;
        } catch (MongoBulkWriteException e) {
            if (!DuplicateKeys.onlyDuplicates(e)) {
                throw e;
            }
            // a resumed run: some were stored before. One by one, so no server stops the batch at the first
            // duplicate and leaves the rest unwritten.
            for (Document document : documents) {
                insertUnlessPresent(document);
            }
            return false;
        }
    }

    /** The credential document as issued: stored as is, or for a VC-JWT the exact bytes of the token's payload. */
    public Optional<String> findJson(String id) {
        Document found = collection.find(Filters.eq("_id", id)).projection(Projections.include("json", "jwt")).first();
        if (found == null) {
            return Optional.empty();
        }
        String json = found.getString("json");
        if (json != null) {
            return Optional.of(json);
        }
        return Optional.ofNullable(found.getString("jwt")).map(CredentialRepository::payload);
    }

    private static String payload(String compactJws) {
        int first = compactJws.indexOf('.');
        int second = compactJws.indexOf('.', first + 1);
        return new String(Base64.getUrlDecoder().decode(compactJws.substring(first + 1, second)),
                StandardCharsets.UTF_8);
    }

    /** The compact VC-JWT of a credential issued as one. */
    public Optional<String> findJwt(String id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).projection(Projections.include("jwt"))
                .first()).map(d -> d.getString("jwt"));
    }

    /** Ids of the completion's credentials already stored, so a resumed run issues only the missing ones. */
    public Set<String> storedIds(String completionId) {
        return collection.find(Filters.eq("completionId", completionId)).projection(Projections.include("_id"))
                .map(d -> d.getString("_id")).into(new HashSet<>());
    }

    public int countByCompletion(String completionId) {
        return (int) collection.countDocuments(Filters.eq("completionId", completionId));
    }

    private void insertUnlessPresent(Document document) {
        try {
            collection.insertOne(document);
        } catch (MongoWriteException e) {
            if (!DuplicateKeys.isDuplicate(e)) {
                throw e;
            }
        }
    }

    private static Document toDocument(IssuedCredential c, OutboxEntry event) {
        Document document = new Document("_id", c.id())
                .append("completionId", c.completionId())
                .append("cohortId", c.cohortId())
                .append("providerId", c.providerId())
                .append("achievementId", c.achievementId())
                .append("recipientHash", c.recipientHash())
                .append("proofFormat", c.proofFormat())
                .append("issuedAt", Date.from(c.issuedAt()))
                .append(CredentialStatusRepository.STATUS, CredentialState.ACTIVE.value())
                .append(OutboxEntry.FIELD, List.of(event.toDocument()))
                .append(OutboxEntry.PENDING, true);
        // one copy of the credential per document: a VC-JWT's payload is the document
        if (c.jwt() != null) {
            document.append("jwt", c.jwt());
        } else {
            document.append("json", c.json());
        }
        if (c.statusIndex() != null) {
            document.append(CredentialStatusRepository.STATUS_INDEX, c.statusIndex());
        }
        return document;
    }
}
