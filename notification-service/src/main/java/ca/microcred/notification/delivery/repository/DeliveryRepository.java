package ca.microcred.notification.delivery.repository;

import ca.microcred.notification.delivery.Delivery;
import ca.microcred.notification.delivery.DeliveryStatus;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Deliveries and their attempts. Every state change is one single-document operation: creating a delivery is an
 * insert guarded by its unique id, starting an attempt is a findOneAndUpdate that takes the lease if the delivery
 * is still as it was found due, and recording an outcome is an update conditioned on nothing having changed since
 * the lease was taken (the same revision).
 */
@ApplicationScoped
public class DeliveryRepository implements PanacheMongoRepositoryBase<Delivery, String> {

    /** leaseUntil of a delivery nobody holds: always in the past, so "lease expired" needs no null case. */
    public static final Instant NO_LEASE = Instant.EPOCH;

    void createIndexes(@Observes StartupEvent start) {
        mongoCollection().createIndex(Indexes.ascending(Delivery.STATUS, Delivery.NEXT_ATTEMPT_AT));
        mongoCollection().createIndex(Indexes.ascending(Delivery.SUBSCRIPTION_ID, Delivery.CREATED_AT));
        mongoCollection().createIndex(Indexes.ascending(Delivery.EMPLOYER_ID, Delivery.CREATED_AT));
        // MongoDB serves the compare-and-set filter {_id, revision} from the _id index alone; this one lets stores
        // that only use an index whose keys equal the filter's (the embedded test server) avoid a collection scan
        mongoCollection().createIndex(Indexes.ascending("_id", Delivery.REVISION), new IndexOptions().unique(true));
    }

    /** Inserts the delivery unless its (subscription, cohort) id exists; returns whether this call created it. */
    public boolean claim(Delivery delivery) {
        // revision 0 is what documents written before revisions existed read as; a new one starts above it so its
        // compare-and-set filters stay plain equalities
        delivery.revision = Math.max(1, delivery.revision);
        try {
            mongoCollection().insertOne(delivery);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Up to {@code limit} deliveries due at {@code now}, longest due first; taking one needs {@link #tryLease}. */
    public List<Delivery> findDue(Instant now, int limit) {
        Bson due = Filters.and(
                Filters.eq(Delivery.STATUS, DeliveryStatus.PENDING.name()),
                Filters.lte(Delivery.NEXT_ATTEMPT_AT, now),
                Filters.lte(Delivery.LEASE_UNTIL, now));
        return mongoCollection().find(due).sort(Sorts.ascending(Delivery.NEXT_ATTEMPT_AT)).limit(limit)
                .into(new ArrayList<>());
    }

    /**
     * Takes the lease on a delivery found due, if nobody changed it since it was read: only one caller, in this
     * instance or another, can win a given attempt. The returned document already counts the attempt.
     */
    public Optional<Delivery> tryLease(Delivery due, Instant now, Duration lease) {
        Bson take = Updates.combine(
                Updates.set(Delivery.LEASE_UNTIL, now.plus(lease)),
                Updates.set(Delivery.LEASE_TOKEN, UUID.randomUUID().toString()),
                Updates.inc(Delivery.ATTEMPT_COUNT, 1),
                Updates.inc(Delivery.REVISION, 1L));
        return Optional.ofNullable(mongoCollection().findOneAndUpdate(asRead(due), take,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /** Matches the delivery only if it is still at the revision it was read with. */
    private static Bson asRead(Delivery read) {
        if (read.revision == 0) {
            // written before revisions existed, or never updated: the field may be absent
            return Filters.and(Filters.eq("_id", read.id), Filters.in(Delivery.REVISION, 0L, null));
        }
        return new Document("_id", read.id).append(Delivery.REVISION, read.revision);
    }

    /**
     * Records a 2xx. Marks the delivery DELIVERED even if the lease was lost meanwhile: the receiver has the
     * notification, so nothing may send it again.
     */
    public void recordDelivered(Delivery leased, Document attempt, Instant at) {
        Bson delivered = Updates.combine(
                Updates.push(Delivery.ATTEMPTS, attempt),
                Updates.set(Delivery.STATUS, DeliveryStatus.DELIVERED.name()),
                Updates.set(Delivery.DELIVERED_AT, at),
                Updates.set(Delivery.LEASE_UNTIL, NO_LEASE),
                Updates.unset(Delivery.LEASE_TOKEN),
                Updates.inc(Delivery.REVISION, 1L));
        if (mongoCollection().updateOne(asRead(leased), delivered).getMatchedCount() == 0) {
            mongoCollection().updateOne(Filters.and(Filters.eq("_id", leased.id),
                    Filters.ne(Delivery.STATUS, DeliveryStatus.DELIVERED.name())), delivered);
        }
    }

    /**
     * Records a failed attempt and schedules the next one, or marks the delivery FAILED when {@code nextAttemptAt}
     * is empty. A caller whose lease was taken over (the delivery changed since it was leased) only adds its
     * attempt to the log: the current holder decides.
     */
    public void recordFailure(Delivery leased, Document attempt, Optional<Instant> nextAttemptAt, Instant at) {
        Bson schedule = nextAttemptAt
                .map(next -> Updates.set(Delivery.NEXT_ATTEMPT_AT, next))
                .orElseGet(() -> Updates.combine(
                        Updates.set(Delivery.STATUS, DeliveryStatus.FAILED.name()),
                        Updates.set(Delivery.FAILED_AT, at)));
        long matched = mongoCollection().updateOne(asRead(leased),
                Updates.combine(
                        Updates.push(Delivery.ATTEMPTS, attempt),
                        schedule,
                        Updates.set(Delivery.LEASE_UNTIL, NO_LEASE),
                        Updates.unset(Delivery.LEASE_TOKEN),
                        Updates.inc(Delivery.REVISION, 1L))).getMatchedCount();
        if (matched == 0) {
            mongoCollection().updateOne(Filters.eq("_id", leased.id),
                    Updates.combine(Updates.push(Delivery.ATTEMPTS, attempt), Updates.inc(Delivery.REVISION, 1L)));
        }
    }

    /** Stops a pending delivery for good, e.g. because its subscription is gone. */
    public void cancel(String id) {
        mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq(Delivery.STATUS, DeliveryStatus.PENDING.name())),
                Updates.combine(Updates.set(Delivery.STATUS, DeliveryStatus.CANCELLED.name()),
                        Updates.set(Delivery.LEASE_UNTIL, NO_LEASE), Updates.unset(Delivery.LEASE_TOKEN),
                        Updates.inc(Delivery.REVISION, 1L)));
    }

    /** Cancels every pending delivery of a subscription that is being deleted. */
    public long cancelPending(String subscriptionId) {
        return mongoCollection().updateMany(
                Filters.and(Filters.eq(Delivery.SUBSCRIPTION_ID, subscriptionId),
                        Filters.eq(Delivery.STATUS, DeliveryStatus.PENDING.name())),
                Updates.combine(Updates.set(Delivery.STATUS, DeliveryStatus.CANCELLED.name()),
                        Updates.inc(Delivery.REVISION, 1L))).getModifiedCount();
    }

    /** An employer's deliveries over all its subscriptions, newest first. */
    public List<Delivery> listByEmployer(String employerId, int offset, int limit) {
        return mongoCollection().find(Filters.eq(Delivery.EMPLOYER_ID, employerId))
                .sort(Sorts.descending(Delivery.CREATED_AT, "_id"))
                .skip(offset)
                .limit(limit)
                .into(new ArrayList<>());
    }

    /**
     * Puts a finished delivery (DELIVERED, FAILED or CANCELLED) back in line for an immediate attempt with a fresh
     * retry schedule; its attempt log is kept. Returns false when it is still pending.
     */
    public boolean redeliver(String id, Instant now) {
        return mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", id), Filters.ne(Delivery.STATUS, DeliveryStatus.PENDING.name())),
                Updates.combine(
                        Updates.set(Delivery.STATUS, DeliveryStatus.PENDING.name()),
                        Updates.set(Delivery.NEXT_ATTEMPT_AT, now),
                        Updates.set(Delivery.ATTEMPT_COUNT, 0),
                        Updates.set(Delivery.LEASE_UNTIL, NO_LEASE),
                        Updates.unset(Delivery.DELIVERED_AT),
                        Updates.unset(Delivery.FAILED_AT),
                        Updates.inc(Delivery.REVISION, 1L))).getModifiedCount() == 1;
    }

    /** A subscription's deliveries, newest first. */
    public List<Delivery> listBySubscription(String subscriptionId, int offset, int limit) {
        return mongoCollection().find(Filters.eq(Delivery.SUBSCRIPTION_ID, subscriptionId))
                .sort(Sorts.descending(Delivery.CREATED_AT, "_id"))
                .skip(offset)
                .limit(limit)
                .into(new ArrayList<>());
    }

    /** The log entry of one attempt, in the shape {@link ca.microcred.notification.delivery.DeliveryAttempt} reads. */
    public static Document attempt(Instant time, Integer statusCode, long latencyMs, String error) {
        return new Document("time", Date.from(time))
                .append("statusCode", statusCode)
                .append("latencyMs", latencyMs)
                .append("error", error);
    }
}
