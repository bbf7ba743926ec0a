package ca.microcred.issuer.completion.repository;

import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.Province;
import ca.microcred.issuer.completion.Completion;
import ca.microcred.issuer.completion.CompletionStatus;
import ca.microcred.issuer.completion.Learner;
import ca.microcred.support.outbox.OutboxEntry;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The {@code completions} collection: one document per accepted completion, which later also carries the
 * CohortCompleted outbox entry. Unique indexes make a retried request and a second completion for a cohort
 * fail to insert instead of being stored twice.
 */
@ApplicationScoped
public class CompletionRepository {

    public static final String COLLECTION = "completions";

    private final MongoCollection<Document> collection;

    public CompletionRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    public void createIndexes() {
        collection.createIndex(Indexes.ascending("providerId", "idempotencyKey"),
                new IndexOptions().unique(true).name("providerId_idempotencyKey"));
        collection.createIndex(Indexes.ascending("cohortId"), new IndexOptions().unique(true).name("cohortId"));
        collection.createIndex(Indexes.ascending("status"), new IndexOptions().name("status"));
    }

    /**
     * Stores a newly accepted completion.
     *
     * @return false when a completion with the same idempotency key or for the same cohort exists
     */
    public boolean insert(Completion completion) {
        try {
            collection.insertOne(toDocument(completion));
            return true;
        } catch (MongoWriteException e) {
            if (DuplicateKeys.isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Completion> find(String id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first()).map(CompletionRepository::fromDocument);
    }

    public Optional<Completion> findByIdempotencyKey(String providerId, String idempotencyKey) {
        return Optional.ofNullable(collection.find(Filters.and(Filters.eq("providerId", providerId),
                Filters.eq("idempotencyKey", idempotencyKey))).first()).map(CompletionRepository::fromDocument);
    }

    public Optional<Completion> findByCohort(String cohortId) {
        return Optional.ofNullable(collection.find(Filters.eq("cohortId", cohortId)).first())
                .map(CompletionRepository::fromDocument);
    }

    /** Ids of completions still being processed that were accepted before the given time. */
    public List<String> acceptedBefore(Instant time) {
        return collection.find(Filters.and(Filters.eq("status", CompletionStatus.ACCEPTED.name()),
                        Filters.lt("acceptedAt", Date.from(time))))
                .projection(Projections.include("_id"))
                .map(d -> d.getString("_id"))
                .into(new ArrayList<>());
    }

    /**
     * Completes an accepted completion and queues its CohortCompleted event in the same single-document update.
     *
     * @return false when the completion was already completed (by an earlier or concurrent run)
     */
    public boolean complete(String id, Instant completedAt, int issued, OutboxEntry cohortCompleted) {
        return collection.updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq("status", CompletionStatus.ACCEPTED.name())),
                Updates.combine(
                        Updates.set("status", CompletionStatus.COMPLETED.name()),
                        Updates.set("completedAt", Date.from(completedAt)),
                        Updates.set("issued", issued),
                        Updates.push(OutboxEntry.FIELD, cohortCompleted.toDocument()),
                        Updates.set(OutboxEntry.PENDING, true))).getModifiedCount() == 1;
    }

    private static Document toDocument(Completion c) {
        List<Document> learners = new ArrayList<>(c.learners().size());
        for (Learner l : c.learners()) {
            Document learner = new Document("name", l.name())
                    .append("email", l.email())
                    .append("passed", l.passed())
                    .append("consentToEmployerContact", l.consentToEmployerContact())
                    .append("portfolioLinks", l.portfolioLinks())
                    .append("grade", l.grade());
            if (l.passed()) {
                learner.append("credentialId", l.credentialId())
                        .append("recipientSalt", l.recipientSalt())
                        .append("recipientHash", l.recipientHash());
            }
            learners.add(learner);
        }
        Document name = new Document();
        if (c.achievementName().en() != null) {
            name.append("en", c.achievementName().en());
        }
        if (c.achievementName().fr() != null) {
            name.append("fr", c.achievementName().fr());
        }
        return new Document("_id", c.id())
                .append("providerId", c.providerId())
                .append("idempotencyKey", c.idempotencyKey())
                .append("requestHash", c.requestHash())
                .append("cohortId", c.cohortId())
                .append("achievementId", c.achievementId())
                .append("achievementName", name)
                .append("province", c.province().name())
                .append("deliveryMode", c.deliveryMode().name())
                .append("language", c.language())
                .append("proofFormat", c.proofFormat())
                .append("achievement", c.achievement())
                .append("issuerName", c.issuerName())
                .append("includeLearnerName", c.includeLearnerName())
                .append("learners", learners)
                .append("status", c.status().name())
                .append("acceptedAt", Date.from(c.acceptedAt()))
                .append("completedAt", c.completedAt() == null ? null : Date.from(c.completedAt()))
                .append("issued", c.issued())
                .append("enrolled", c.enrolled())
                .append("passed", c.passed());
    }

    private static Completion fromDocument(Document d) {
        List<Learner> learners = new ArrayList<>();
        for (Document l : d.getList("learners", Document.class)) {
            learners.add(new Learner(l.getString("name"), l.getString("email"), l.getBoolean("passed"),
                    l.getBoolean("consentToEmployerContact"), l.getList("portfolioLinks", String.class),
                    l.getString("grade"), l.getString("credentialId"), l.getString("recipientSalt"), l.getString("recipientHash")));
        }
        Document name = d.get("achievementName", Document.class);
        Date completedAt = d.getDate("completedAt");
        return new Completion(d.getString("_id"), d.getString("providerId"), d.getString("idempotencyKey"),
                d.getString("requestHash"), d.getString("cohortId"), d.getString("achievementId"),
                new LocalizedText(name.getString("en"), name.getString("fr")),
                Province.valueOf(d.getString("province")), DeliveryMode.valueOf(d.getString("deliveryMode")),
                d.getString("language"), learners, CompletionStatus.valueOf(d.getString("status")),
                d.getDate("acceptedAt").toInstant(), completedAt == null ? null : completedAt.toInstant(),
                d.getInteger("issued", 0), d.getString("proofFormat"), d.getString("achievement"),
                d.getString("issuerName"), d.getBoolean("includeLearnerName", false));
    }
}
