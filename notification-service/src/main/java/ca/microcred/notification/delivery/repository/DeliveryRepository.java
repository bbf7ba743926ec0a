package ca.microcred.notification.delivery.repository;

import ca.microcred.notification.delivery.Delivery;
import ca.microcred.notification.delivery.DeliveryAttempt;
import ca.microcred.notification.delivery.DeliveryStatus;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Deliveries and their attempts. Every state change is one single-document operation: creating a delivery is an
 * insert guarded by its unique id, starting an attempt is an update that takes the lease if the delivery is still
 * as it was found due, and recording an outcome is an update conditioned on nothing having changed since the lease
 * was taken (the same revision). Updates of many deliveries travel together in one bulk write, but each stays a
 * single-document compare-and-set: no write ever depends on another document.
 */
@ApplicationScoped
public class DeliveryRepository implements PanacheMongoRepositoryBase<Delivery, String> {

    /** leaseUntil of a delivery nobody holds: always in the past, so "lease expired" needs no null case. */
    public static final Instant NO_LEASE = Instant.EPOCH;

    /** Write-once payloads of deliveries, by {@link Delivery#payloadId}. */
    static final String PAYLOADS = "deliveryPayloads";
    private static final String PAYLOAD_DELIVERY = "deliveryId";
    private static final String PAYLOAD_BODY = "body";

    /** Each write of a bulk stands alone: one that does not match does not stop the others. */
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    void createIndexes(@Observes StartupEvent start) {
        mongoCollection().createIndex(Indexes.ascending(Delivery.STATUS, Delivery.NEXT_ATTEMPT_AT));
        mongoCollection().createIndex(Indexes.ascending(Delivery.SUBSCRIPTION_ID, Delivery.CREATED_AT));
        mongoCollection().createIndex(Indexes.ascending(Delivery.EMPLOYER_ID, Delivery.CREATED_AT));
        // MongoDB serves the compare-and-set filter {_id, revision} from the _id index alone; this one lets stores
        // that only use an index whose keys equal the filter's (the embedded test server) avoid a collection scan
        mongoCollection().createIndex(Indexes.ascending("_id", Delivery.REVISION), new IndexOptions().unique(true));
    }

    /**
     * Inserts the delivery unless its (subscription, cohort) id exists; returns whether this call created it. The
     * payload is written first, once, under a key of its own that the delivery then names: every later update of
     * the delivery rewrites a small document instead of one carrying the whole notification, and a delivery always
     * names the payload written by the call that claimed it, even when two instances claim the same pair at once.
     */
    public boolean claim(Delivery delivery) {
        // revision 0 is what documents written before revisions existed read as; a new one starts above it so its
        // compare-and-set filters stay plain equalities
        delivery.revision = Math.max(1, delivery.revision);
        String body = delivery.payload;
        if (body != null) {
            delivery.payloadId = UUID.randomUUID().toString();
            payloads().insertOne(new Document("_id", delivery.payloadId)
                    .append(PAYLOAD_DELIVERY, delivery.id)
                    .append(PAYLOAD_BODY, body));
            delivery.payload = null;
        }
        try {
            mongoCollection().insertOne(delivery);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                if (delivery.payloadId != null) {
                    // nothing names it: the delivery that exists names its own claimer's payload
                    payloads().deleteOne(Filters.eq("_id", delivery.payloadId));
                }
                return false;
            }
            throw e;
        } finally {
            delivery.payload = body;
        }
    }

    /**
     * Fills in the payload of deliveries read without it, in one look-up. A delivery whose payload cannot be found
     * keeps none, and its attempt fails as not sent.
     */
    public void loadPayloads(List<Delivery> read) {
        Map<String, Delivery> byPayloadId = new HashMap<>();
        for (Delivery delivery : read) {
            if (delivery.payload == null && delivery.payloadId != null) {
                byPayloadId.put(delivery.payloadId, delivery);
            }
        }
        if (byPayloadId.isEmpty()) {
            return;
        }
        payloads().find(Filters.in("_id", byPayloadId.keySet())).forEach(stored -> {
            Delivery delivery = byPayloadId.get(stored.getString("_id"));
            if (delivery != null) {
                delivery.payload = stored.getString(PAYLOAD_BODY);
            }
        });
    }

    private MongoCollection<Document> payloads() {
        return mongoDatabase().getCollection(PAYLOADS);
    }

    /**
     * Up to {@code limit} deliveries due at {@code now}, longest due first, without their attempt log (sending does
     * not need it); taking them needs {@link #leaseAll}.
     */
    public List<Delivery> findDue(Instant now, int limit) {
        Bson due = Filters.and(
                Filters.eq(Delivery.STATUS, DeliveryStatus.PENDING.name()),
                Filters.lte(Delivery.NEXT_ATTEMPT_AT, now),
                Filters.lte(Delivery.LEASE_UNTIL, now));
        return mongoCollection().find(due).projection(Projections.exclude(Delivery.ATTEMPTS))
                .sort(Sorts.ascending(Delivery.NEXT_ATTEMPT_AT)).limit(limit)
                .into(new ArrayList<>());
    }

    /**
     * Takes the lease on each of these deliveries found due that nobody changed since it was read, and returns the
     * ones taken, updated to what the store now holds (the attempt counted). Each lease is its own compare-and-set
     * on {id, revision}, so only one caller, in this instance or another, wins a given attempt; they travel
     * together in one unordered bulk write. All of them are usually won; when some were not (another sweeper was
     * first), the winners are told apart by the token this call stamped on them.
     */
    public List<Delivery> leaseAll(List<Delivery> due, Instant now, Duration lease) {
        if (due.isEmpty()) {
            return List.of();
        }
        String token = UUID.randomUUID().toString();
        Instant until = now.plus(lease);
        Bson take = Updates.combine(
                Updates.set(Delivery.LEASE_UNTIL, until),
                Updates.set(Delivery.LEASE_TOKEN, token),
                Updates.inc(Delivery.ATTEMPT_COUNT, 1),
                Updates.inc(Delivery.REVISION, 1L));
        List<UpdateOneModel<Delivery>> leases = new ArrayList<>(due.size());
        for (Delivery candidate : due) {
            leases.add(new UpdateOneModel<>(asRead(candidate), take));
        }
        int matched = mongoCollection().bulkWrite(leases, UNORDERED).getMatchedCount();
        List<Delivery> won;
        if (matched == due.size()) {
            won = due;
        } else if (matched == 0) {
            return List.of();
        } else {
            Set<String> ours = new HashSet<>();
            mongoCollection().find(Filters.in("_id", ids(due))).projection(Projections.include(Delivery.LEASE_TOKEN))
                    .forEach(d -> {
                        if (token.equals(d.leaseToken)) {
                            ours.add(d.id);
                        }
                    });
            won = new ArrayList<>();
            for (Delivery candidate : due) {
                if (ours.contains(candidate.id)) {
                    won.add(candidate);
                }
            }
        }
        for (Delivery leased : won) {
            leased.leaseUntil = until;
            leased.leaseToken = token;
            leased.attemptCount++;
            leased.revision++;
        }
        return won;
    }

    /** Matches the delivery only if it is still at the revision it was read with. */
    private static Bson asRead(Delivery read) {
        if (read.revision == 0) {
            // written before revisions existed, or never updated: the field may be absent
            return Filters.and(Filters.eq("_id", read.id), Filters.in(Delivery.REVISION, 0L, null));
        }
        return new Document("_id", read.id).append(Delivery.REVISION, read.revision);
    }

    /** A 2xx answer to the attempt of a leased delivery, as {@link #recordDelivered(List)} records it. */
    public record Delivered(Delivery leased, Document attempt, Instant at) {
    }

    /**
     * Records 2xx answers, in one bulk write of single-document updates each conditioned on its lease. Marks a
     * delivery DELIVERED even if its lease was lost meanwhile: the receiver has the notification, so nothing may
     * send it again.
     */
    public void recordDelivered(List<Delivered> answers) {
        if (answers.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Delivery>> updates = new ArrayList<>(answers.size());
        for (Delivered answer : answers) {
            updates.add(new UpdateOneModel<>(asRead(answer.leased()), delivered(answer)));
        }
        if (mongoCollection().bulkWrite(updates, UNORDERED).getMatchedCount() == answers.size()) {
            return;
        }
        // some leases were lost: those whose attempt is not in the log yet are recorded regardless of the lease
        Map<String, List<DeliveryAttempt>> logs = new HashMap<>();
        mongoCollection().find(Filters.in("_id", ids(answers.stream().map(Delivered::leased).toList())))
                .projection(Projections.include(Delivery.ATTEMPTS))
                .forEach(d -> logs.put(d.id, d.attempts == null ? List.of() : d.attempts));
        for (Delivered answer : answers) {
            if (!logs.getOrDefault(answer.leased().id, List.of()).stream().anyMatch(a -> sameAttempt(a, answer.attempt()))) {
                mongoCollection().updateOne(Filters.and(Filters.eq("_id", answer.leased().id),
                        Filters.ne(Delivery.STATUS, DeliveryStatus.DELIVERED.name())), delivered(answer));
            }
        }
    }

    private static Bson delivered(Delivered answer) {
        return Updates.combine(
                Updates.push(Delivery.ATTEMPTS, answer.attempt()),
                Updates.set(Delivery.STATUS, DeliveryStatus.DELIVERED.name()),
                Updates.set(Delivery.DELIVERED_AT, answer.at()),
                Updates.set(Delivery.LEASE_UNTIL, NO_LEASE),
                Updates.unset(Delivery.LEASE_TOKEN),
                Updates.inc(Delivery.REVISION, 1L));
    }

    /** Whether a logged attempt is this one: two attempts of one delivery never share start, answer and latency. */
    private static boolean sameAttempt(DeliveryAttempt logged, Document attempt) {
        return logged.time != null
                && logged.time.toEpochMilli() == attempt.getDate("time").getTime()
                && Objects.equals(logged.statusCode, attempt.getInteger("statusCode"))
                && logged.latencyMs == attempt.getLong("latencyMs");
    }

    private static List<String> ids(List<Delivery> deliveries) {
        List<String> ids = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            ids.add(delivery.id);
        }
        return ids;
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
