package ca.microcred.notification.digest;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/**
 * A cohort a daily-digest subscription matched, waiting for the digest of its day. Its id,
 * {@code <subscriptionId>:<cohortId>}, is the claim that collects a cohort into a subscription's digest once, however
 * often the event is delivered and however many instances handle it.
 */
@MongoEntity(collection = "digest_entries")
public class DigestEntry {

    public static final String SUBSCRIPTION_ID = "subscriptionId";
    public static final String DAY = "day";
    public static final String MATCHED_AT = "matchedAt";

    @BsonId
    public String id;

    public String subscriptionId;

    public String employerId;

    /** The digest day (ISO date in the digest time zone) on which the cohort was matched. */
    public String day;

    public String cohortId;

    /** Id of the cohorts.events event that was matched, for tracing. */
    public String eventId;

    public Instant matchedAt;

    /** The cohort as the notification describes it: the JSON of its {@code data}, fixed when matched. */
    public String cohort;
}
