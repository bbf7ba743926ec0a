package ca.microcred.notification.matching;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.Map;

/**
 * A completed cohort whose micro-credential this service has not heard of yet. Topics are not ordered with each
 * other, so a CohortCompleted can arrive before its AchievementPublished; the skill and occupation criteria are then
 * matched again once the micro-credential is known. Kept as the event was received (CloudEvents headers and data).
 */
@MongoEntity(collection = "waiting_cohorts")
public class WaitingCohort {

    public static final String ACHIEVEMENT_ID = "achievementId";

    /** The cohort id. */
    @BsonId
    public String id;
    public String achievementId;
    public Map<String, String> headers;
    public String data;
    public Instant waitingSince;
}
