package ca.microcred.notification.subscription;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An employer's wish to hear about new graduates of some micro-credentials, and where to send the news.
 * The signing secret is stored as issued: the service needs it to sign every webhook, so it cannot be hashed.
 */
@MongoEntity(collection = "subscriptions")
public class Subscription {

    /** Field holding the achievement ids; multikey-indexed so matching a cohort is an index look-up. */
    public static final String ACHIEVEMENT_IDS = "achievementIds";
    public static final String EMPLOYER_ID = "employerId";
    public static final String CREATED_AT = "createdAt";

    @BsonId
    public String id;

    public String employerId;

    public List<String> achievementIds = new ArrayList<>();

    public String webhookUrl;

    /** Standard Webhooks secret: {@code whsec_} then the base64 of the HMAC key. */
    public String secret;

    public Instant createdAt;
}
