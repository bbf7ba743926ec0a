package ca.microcred.issuer.revocation.repository;

import ca.microcred.credentials.status.StatusList;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Date;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code status_lists} collection: per provider, which status list indexes are taken and how long its
 * lists are. Each document changes only by a compare-and-set on its {@code version}, so concurrent issuers
 * (threads or service instances) never both take the same index, and a restart continues from what is stored.
 * The bits themselves are not kept here: they follow from the statuses stored in the credentials.
 */
@ApplicationScoped
public class StatusIndexRepository {

    public static final String COLLECTION = "status_lists";

    private final MongoCollection<Document> collection;

    /** A provider's stored allocation state; {@code version} is what a write must still find to succeed. */
    public record Stored(String allocated, int size, long version) {
    }

    public StatusIndexRepository(MongoClient mongo,
                                 @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    public Optional<Stored> find(String providerId) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", providerId)).first())
                .map(d -> new Stored(d.getString("allocated"), d.getInteger("size"), d.getLong("version")));
    }

    /** Entries in the provider's lists: the stored length, or the minimum before its first credential. */
    public int size(String providerId) {
        Document document = collection.find(Filters.eq("_id", providerId)).projection(Projections.include("size"))
                .first();
        return document == null ? StatusList.MIN_SIZE : document.getInteger("size");
    }

    /** Stores the first state of a provider; false when another writer stored one first. */
    public boolean insert(String providerId, String allocated, int size, int taken, Instant now) {
        try {
            collection.insertOne(new Document("_id", providerId)
                    .append("allocated", allocated)
                    .append("size", size)
                    .append("taken", taken)
                    .append("version", 1L)
                    .append("updatedAt", Date.from(now)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Replaces the state read at {@code version}; false when another writer changed it since. */
    public boolean replace(String providerId, long version, String allocated, int size, int taken, Instant now) {
        return collection.updateOne(Filters.and(Filters.eq("_id", providerId), Filters.eq("version", version)),
                Updates.combine(
                        Updates.set("allocated", allocated),
                        Updates.set("size", size),
                        Updates.set("taken", taken),
                        Updates.set("version", version + 1),
                        Updates.set("updatedAt", Date.from(now)))).getModifiedCount() == 1;
    }
}
