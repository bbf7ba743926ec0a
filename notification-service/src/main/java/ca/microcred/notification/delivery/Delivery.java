package ca.microcred.notification.delivery;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One notification owed to one subscription for one cohort, or for one day's cohorts when it is a daily digest (id
 * {@code <subscriptionId>:digest-<day>}). Its id, {@code <subscriptionId>:<cohortId>}, is the
 * claim: inserting it is what decides that the pair will be notified, so a redelivered event or a second instance
 * finds the id taken and does nothing. The webhook body is fixed when the delivery is created and every retry
 * sends those same bytes, as Standard Webhooks expects.
 */
@MongoEntity(collection = "deliveries")
public class Delivery {

    public static final String STATUS = "status";
    public static final String SUBSCRIPTION_ID = "subscriptionId";
    public static final String EMPLOYER_ID = "employerId";
    public static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    public static final String LEASE_UNTIL = "leaseUntil";
    public static final String LEASE_TOKEN = "leaseToken";
    public static final String ATTEMPT_COUNT = "attemptCount";
    public static final String ATTEMPTS = "attempts";
    public static final String CREATED_AT = "createdAt";
    public static final String DELIVERED_AT = "deliveredAt";
    public static final String FAILED_AT = "failedAt";
    public static final String REVISION = "revision";
    public static final String PAYLOAD = "payload";
    public static final String PAYLOAD_ID = "payloadId";

    @BsonId
    public String id;

    public String subscriptionId;

    public String employerId;

    public String cohortId;

    public String achievementId;

    /** Id of the cohorts.events event that caused the delivery, for tracing. */
    public String eventId;

    public DeliveryStatus status;

    /**
     * The CloudEvents JSON document posted to the receiver. A delivery created by
     * {@link ca.microcred.notification.delivery.repository.DeliveryRepository#claim} keeps it apart, under
     * {@link #payloadId}, because it never changes while the delivery document is rewritten on every state change;
     * documents written before that carry it inline. Either way the dispatcher has it in hand when it sends.
     */
    public String payload;

    /** Key of the payload in the write-once payload collection; absent when the payload is inline. */
    public String payloadId;

    /** Outcomes of the attempts, oldest first. */
    public List<DeliveryAttempt> attempts = new ArrayList<>();

    /**
     * Attempts started, counted when an attempt is claimed; it can exceed the number of recorded outcomes by one
     * when an instance stopped in the middle of an attempt.
     */
    public int attemptCount;

    public Instant createdAt;

    /** When the next attempt is due; meaningful while PENDING. */
    public Instant nextAttemptAt;

    /**
     * Until when an instance holds the current attempt. Claiming sets it; recording the outcome resets it to the
     * epoch. A holder that vanishes leaves it to expire, after which any instance may claim the delivery again.
     */
    public Instant leaseUntil;

    /**
     * Raised by every update, so an update can be made conditional on the delivery being exactly as read (a
     * compare-and-set by id and revision) with a plain equality filter that an index on (id, revision) serves.
     */
    public long revision;

    /** Token of the claim that holds the lease; outcomes are recorded only by the holder of the current lease. */
    public String leaseToken;

    /** For a daily digest: its day (ISO date in the digest time zone); absent for a single cohort's notification. */
    public String digestDay;

    /** For a daily digest: the cohorts it lists, in order. */
    public List<String> cohortIds;

    public Instant deliveredAt;

    public Instant failedAt;

    public static String idOf(String subscriptionId, String cohortId) {
        return subscriptionId + ":" + cohortId;
    }
}
