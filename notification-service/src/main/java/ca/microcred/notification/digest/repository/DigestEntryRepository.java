package ca.microcred.notification.digest.repository;

import ca.microcred.notification.digest.DigestEntry;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Cohorts collected for daily digests, and the record of which digest days have been run. */
@ApplicationScoped
public class DigestEntryRepository implements PanacheMongoRepositoryBase<DigestEntry, String> {

    private static final String RUNS = "digest_runs";

    void createIndexes(@Observes StartupEvent start) {
        mongoCollection().createIndex(Indexes.ascending(DigestEntry.DAY, DigestEntry.SUBSCRIPTION_ID,
                DigestEntry.MATCHED_AT));
    }

    /** Inserts the entry unless its (subscription, cohort) id exists; returns whether this call collected it. */
    public boolean collect(DigestEntry entry) {
        try {
            mongoCollection().insertOne(entry);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** The subscriptions that collected at least one cohort on the day. */
    public List<String> subscriptionsOf(String day) {
        return mongoCollection().distinct(DigestEntry.SUBSCRIPTION_ID, Filters.eq(DigestEntry.DAY, day), String.class)
                .into(new ArrayList<>());
    }

    /** What one subscription collected on the day, in the order it was matched. */
    public List<DigestEntry> entriesOf(String subscriptionId, String day) {
        return mongoCollection().find(Filters.and(Filters.eq(DigestEntry.DAY, day),
                        Filters.eq(DigestEntry.SUBSCRIPTION_ID, subscriptionId)))
                .sort(Sorts.ascending(DigestEntry.MATCHED_AT, "_id"))
                .into(new ArrayList<>());
    }

    /** Whether every digest of the day has been created, by this instance or another. */
    public boolean isRun(String day) {
        return mongoDatabase().getCollection(RUNS).find(Filters.eq("_id", day)).first() != null;
    }

    /** Records that every digest of the day has been created, so later checks skip the day. */
    public void markRun(String day, Instant at) {
        mongoDatabase().getCollection(RUNS).replaceOne(Filters.eq("_id", day),
                new Document("_id", day).append("completedAt", Date.from(at)), new ReplaceOptions().upsert(true));
    }
}
