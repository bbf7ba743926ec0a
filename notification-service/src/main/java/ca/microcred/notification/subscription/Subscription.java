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
    public static final String VERSION = "version";
    public static final String CHANGED_AT = "changedAt";
    public static final String PAUSED = "paused";

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

    /** Immediate (the default) or one daily digest of the day's matched cohorts. */
    public Mode mode = Mode.IMMEDIATE;

    public Instant createdAt;

    /**
     * Raised by every change that matching sees (criteria, pause, mode), so a copy of the subscription held in
     * memory can tell whether the stored one is newer; also the expected value of an update, so two concurrent
     * updates cannot silently overwrite each other.
     */
    public long version;

    /** When matching last saw a change; other instances poll for subscriptions changed since they last looked. */
    public Instant changedAt;

    public enum Channel {
        WEBHOOK, EMAIL
    }

    public enum Mode {
        IMMEDIATE("immediate"), DAILY_DIGEST("daily-digest");

        /** How the API names the mode. */
        public final String apiName;

        Mode(String apiName) {
            this.apiName = apiName;
        }

        public static java.util.Optional<Mode> ofApiName(String name) {
            for (Mode mode : values()) {
                if (mode.apiName.equalsIgnoreCase(name.trim())) {
                    return java.util.Optional.of(mode);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public Mode modeOrDefault() {
        return mode == null ? Mode.IMMEDIATE : mode;
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
