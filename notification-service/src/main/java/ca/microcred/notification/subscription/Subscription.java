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

    /** Field holding the match keys; multikey-indexed so matching a cohort is an index look-up. */
    public static final String MATCH_KEYS = "matchKeys";
    public static final String EMPLOYER_ID = "employerId";
    public static final String CREATED_AT = "createdAt";

    @BsonId
    public String id;

    public String employerId;

    /*
     * Criteria: a subscription matches a cohort when every non-empty list has a value the cohort carries.
     */
    public List<String> achievementIds = new ArrayList<>();

    /** Skills as {@code FRAMEWORK:code}. */
    public List<String> skills = new ArrayList<>();

    /** NOC occupation codes. */
    public List<String> occupations = new ArrayList<>();

    public List<String> providerIds = new ArrayList<>();

    /** Province codes where the cohort was taught. */
    public List<String> provinces = new ArrayList<>();

    /** ONLINE, IN_PERSON, HYBRID. */
    public List<String> deliveryModes = new ArrayList<>();

    /** Primary language subtags, lower case. */
    public List<String> languages = new ArrayList<>();

    /** The index entries of the criteria; see {@link ca.microcred.notification.matching.service.MatchKeys}. */
    public List<String> matchKeys = new ArrayList<>();

    /** How notifications travel; subscriptions stored before channels existed are webhooks. */
    public Channel channel = Channel.WEBHOOK;

    /** The webhook target, for the WEBHOOK channel. */
    public String webhookUrl;

    /** The recipient, for the EMAIL channel; empty means the employer profile's contact email. */
    public String email;

    /** Standard Webhooks secret: {@code whsec_} then the base64 of the HMAC key. */
    public String secret;

    /** The secret replaced by the last rotation; webhooks are signed with it too until it expires. */
    public String previousSecret;

    public Instant previousSecretExpiresAt;

    /** A paused subscription matches no new cohort; resuming does not bring back the cohorts missed meanwhile. */
    public boolean paused;

    public Instant createdAt;

    public enum Channel {
        WEBHOOK, EMAIL
    }

    /** The secrets a webhook sent now is signed with: the current one, then the previous one while it is valid. */
    public java.util.List<String> signingSecrets(Instant now) {
        if (previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)) {
            return java.util.List.of(secret, previousSecret);
        }
        return java.util.List.of(secret);
    }

    public Channel channelOrDefault() {
        return channel == null ? Channel.WEBHOOK : channel;
    }
}
