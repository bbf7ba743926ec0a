package ca.microcred.notification.subscription.repository;

import ca.microcred.notification.subscription.Subscription;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

@ApplicationScoped
public class SubscriptionRepository implements PanacheMongoRepositoryBase<Subscription, String> {

    /**
     * What the in-memory match index reads: the criteria, the owner, the mode, the pause flag and the version, never
     * the secrets or the target.
     */
    private static final Bson INDEXED_FIELDS = Projections.include("achievementIds", "skills", "occupations",
            "providerIds", "provinces", "deliveryModes", "languages", Subscription.EMPLOYER_ID, "mode",
            Subscription.PAUSED, Subscription.VERSION);

    /** Expected version of an update that applies whatever the current version is. */
    public static final long ANY_VERSION = -1;

    void createIndexes(@Observes StartupEvent start) {
        mongoCollection().createIndex(Indexes.ascending(Subscription.EMPLOYER_ID, Subscription.CREATED_AT));
        // the change poll of other instances
        mongoCollection().createIndex(Indexes.ascending(Subscription.CHANGED_AT));
    }

    /** Streams every subscription's indexed fields, for (re)building the match index. */
    public void forEachIndexed(Consumer<Subscription> sink) {
        mongoCollection().find().projection(INDEXED_FIELDS).batchSize(5_000).forEach(sink);
    }

    /** Indexed fields of the subscriptions changed at or after {@code since}. */
    public List<Subscription> changedSince(Instant since) {
        return mongoCollection().find(Filters.gte(Subscription.CHANGED_AT, since)).projection(INDEXED_FIELDS)
                .into(new ArrayList<>());
    }

    /** The stored versions of these subscriptions, in one look-up by id; a missing id was deleted. */
    public Map<String, Long> versionsOf(Collection<String> ids) {
        Map<String, Long> versions = new HashMap<>();
        if (!ids.isEmpty()) {
            mongoCollection().find(Filters.in("_id", ids)).projection(Projections.include(Subscription.VERSION))
                    .forEach(s -> versions.put(s.id, s.version));
        }
        return versions;
    }

    /** Indexed fields of these subscriptions, in one look-up by id. */
    public List<Subscription> findIndexed(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongoCollection().find(Filters.in("_id", ids)).projection(INDEXED_FIELDS).into(new ArrayList<>());
    }

    /**
     * Applies a change that matching must see, if the subscription is still at {@code expectedVersion} (or at any
     * version with {@link #ANY_VERSION}): raises its version and change time in the same single-document update.
     * Empty when it changed or vanished meanwhile.
     */
    public Optional<Subscription> updateVersioned(String id, long expectedVersion, Bson changes, Instant now) {
        Bson filter;
        if (expectedVersion == ANY_VERSION) {
            filter = Filters.eq("_id", id);
        } else if (expectedVersion == 0) {
            // stored before versions existed: the field is absent
            filter = Filters.and(Filters.eq("_id", id), Filters.or(Filters.eq(Subscription.VERSION, 0L),
                    Filters.exists(Subscription.VERSION, false)));
        } else {
            filter = Filters.and(Filters.eq("_id", id), Filters.eq(Subscription.VERSION, expectedVersion));
        }
        return Optional.ofNullable(mongoCollection().findOneAndUpdate(filter,
                Updates.combine(changes, Updates.inc(Subscription.VERSION, 1L), Updates.set(Subscription.CHANGED_AT, now)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /** Whole subscriptions by id, in one look-up; a missing id was deleted. */
    public Map<String, Subscription> findAllById(Collection<String> ids) {
        Map<String, Subscription> found = new HashMap<>();
        if (!ids.isEmpty()) {
            mongoCollection().find(Filters.in("_id", ids)).forEach(s -> found.put(s.id, s));
        }
        return found;
    }

    /** One single-document update. */
    public void updateOne(Bson filter, Bson update) {
        mongoCollection().updateOne(filter, update);
    }

    /** Subscriptions oldest first; {@code employerId} empty lists every employer's. */
    public List<Subscription> list(Optional<String> employerId, int offset, int limit) {
        Bson filter = employerId.map(id -> Filters.eq(Subscription.EMPLOYER_ID, id)).orElse(Filters.empty());
        return mongoCollection().find(filter)
                .sort(Sorts.ascending(Subscription.CREATED_AT, "_id"))
                .skip(offset)
                .limit(limit)
                .into(new ArrayList<>());
    }
}
