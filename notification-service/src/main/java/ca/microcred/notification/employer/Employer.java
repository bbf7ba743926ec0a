package ca.microcred.notification.employer;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An organisation that hires: its id is the {@code employer_id} claim of its tokens, so one profile per employer.
 * The preferred language chooses the language of the emails and of the micro-credential names they show.
 */
@MongoEntity(collection = "employers")
public class Employer {

    @BsonId
    public String id;

    public String organisationName;

    public String contactEmail;

    /** {@code en} or {@code fr}. */
    public String preferredLanguage;

    /** Province codes the employer recruits in. */
    public List<String> provincesOfInterest = new ArrayList<>();

    public Instant createdAt;

    public Instant updatedAt;
}
