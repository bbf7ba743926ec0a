package ca.microcred.issuer.cohort.repository;

import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.Province;
import ca.microcred.issuer.cohort.Cohort;
import ca.microcred.issuer.cohort.CohortStatus;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/** Cohorts, one document each. */
@ApplicationScoped
public class CohortRepository {

    public static final String COLLECTION = "cohorts";

    private final MongoCollection<Document> collection;

    public CohortRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    void createIndexes(@Observes StartupEvent start) {
        collection.createIndex(Indexes.ascending("achievementId", "startDate"));
    }

    public void insert(Cohort cohort) {
        collection.insertOne(new Document("_id", cohort.id())
                .append("providerId", cohort.providerId())
                .append("achievementId", cohort.achievementId())
                .append("startDate", cohort.startDate().toString())
                .append("endDate", cohort.endDate().toString())
                .append("province", cohort.province().name())
                .append("region", cohort.region())
                .append("deliveryMode", cohort.deliveryMode().name())
                .append("language", cohort.language())
                .append("capacity", cohort.capacity())
                .append("status", cohort.status().name())
                .append("createdAt", Date.from(cohort.createdAt()))
                .append("closedAt", null)
                .append("closedBy", null));
    }

    public Optional<Cohort> find(String id) {
        return Optional.ofNullable(collection.find(eq("_id", id)).first()).map(CohortRepository::fromDocument);
    }

    public List<Cohort> listByAchievement(String achievementId, int offset, int limit) {
        return collection.find(eq("achievementId", achievementId)).sort(Sorts.ascending("startDate", "_id"))
                .skip(offset).limit(limit).map(CohortRepository::fromDocument).into(new ArrayList<>());
    }

    /** Closes the cohort only if it is still open: of two concurrent closes exactly one matches. */
    public boolean closeIfOpen(String id, String completionId, Instant now) {
        return collection.updateOne(and(eq("_id", id), eq("status", CohortStatus.OPEN.name())),
                Updates.combine(Updates.set("status", CohortStatus.CLOSED.name()),
                        Updates.set("closedAt", Date.from(now)),
                        Updates.set("closedBy", completionId))).getModifiedCount() == 1;
    }

    /** Opens the cohort again only if this completion closed it. */
    public boolean reopen(String id, String completionId) {
        return collection.updateOne(and(eq("_id", id), eq("closedBy", completionId)),
                Updates.combine(Updates.set("status", CohortStatus.OPEN.name()),
                        Updates.set("closedAt", null),
                        Updates.set("closedBy", null))).getModifiedCount() == 1;
    }

    static Cohort fromDocument(Document d) {
        Date closedAt = d.getDate("closedAt");
        return new Cohort(d.getString("_id"), d.getString("providerId"), d.getString("achievementId"),
                LocalDate.parse(d.getString("startDate")), LocalDate.parse(d.getString("endDate")),
                Province.valueOf(d.getString("province")), d.getString("region"),
                DeliveryMode.valueOf(d.getString("deliveryMode")), d.getString("language"),
                d.get("capacity", Number.class).intValue(), CohortStatus.valueOf(d.getString("status")),
                d.getDate("createdAt").toInstant(), closedAt == null ? null : closedAt.toInstant(),
                d.getString("closedBy"));
    }
}
