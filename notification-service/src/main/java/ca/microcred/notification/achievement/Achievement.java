package ca.microcred.notification.achievement;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What this service knows of a published micro-credential, kept from achievements.events: the facts a cohort
 * does not carry itself (skills, occupations, delivery mode, languages) but subscriptions may ask for.
 */
@MongoEntity(collection = "achievements")
public class Achievement {

    public static final String PUBLISHED_AT = "publishedAt";

    @BsonId
    public String id;

    public String providerId;

    public String nameEn;

    public String nameFr;

    /** Skills as {@code FRAMEWORK:code}, e.g. {@code ESCO:S1.2.3}. */
    public List<String> skills = new ArrayList<>();

    /** Human names of the skills, in the order of {@link #skills}; shown in notifications. */
    public List<String> skillNames = new ArrayList<>();

    /** NOC occupation codes. */
    public List<String> occupations = new ArrayList<>();

    public String deliveryMode;

    /** Primary language subtags, lower case ({@code fr}, {@code en}). */
    public List<String> languages = new ArrayList<>();

    /** When the version held here was published; an older event never replaces it. */
    public Instant publishedAt;

    public String eventId;
}
