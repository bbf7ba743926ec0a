package ca.microcred.issuer.achievement.repository;

import ca.microcred.issuer.achievement.Achievement;
import ca.microcred.issuer.achievement.AchievementDefinition;
import ca.microcred.issuer.achievement.AchievementStatus;
import ca.microcred.support.outbox.OutboxEntry;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;

/**
 * Micro-credential definitions, one document each, carrying the outbox entries that announce their publication.
 */
@ApplicationScoped
public class AchievementRepository {

    public static final String COLLECTION = "achievements";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final MongoCollection<Document> collection;
    private final ObjectMapper mapper;

    public AchievementRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                                 ObjectMapper mapper) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
        this.mapper = mapper;
    }

    void createIndexes(@Observes StartupEvent start) {
        collection.createIndex(Indexes.ascending("providerId", "_id"));
    }

    public void insert(Achievement achievement) {
        collection.insertOne(toDocument(achievement));
    }

    public Optional<Achievement> find(String id) {
        return Optional.ofNullable(collection.find(eq("_id", id)).first()).map(this::fromDocument);
    }

    /** Which of the given ids exist. */
    public Set<String> existing(Collection<String> ids) {
        return collection.find(in("_id", ids)).projection(new Document("_id", 1))
                .map(d -> d.getString("_id")).into(new ArrayList<>()).stream().collect(Collectors.toSet());
    }

    public List<Achievement> listByProvider(String providerId, int offset, int limit) {
        return collection.find(eq("providerId", providerId)).sort(Sorts.ascending("createdAt", "_id"))
                .skip(offset).limit(limit).map(this::fromDocument).into(new ArrayList<>());
    }

    public Optional<Achievement> updateDefinition(String providerId, String id, AchievementDefinition definition,
                                                  Instant now) {
        Document updated = collection.findOneAndUpdate(and(eq("_id", id), eq("providerId", providerId)),
                Updates.combine(Updates.set("definition", definitionDocument(definition)),
                        Updates.set("updatedAt", Date.from(now)),
                        Updates.inc("revision", 1L)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(updated).map(this::fromDocument);
    }

    /**
     * Marks the given revision published and queues its event, in one update that only applies while the
     * definition is still at that revision and that revision was not announced yet. Returns empty when it did
     * not apply (a concurrent edit or publication).
     */
    public Optional<Achievement> publish(Achievement seen, Instant now, OutboxEntry published) {
        Document updated = collection.findOneAndUpdate(
                and(eq("_id", seen.id()), eq("revision", seen.revision()), ne("publishedRevision", seen.revision())),
                Updates.combine(Updates.set("status", AchievementStatus.PUBLISHED.name()),
                        Updates.set("publishedRevision", seen.revision()),
                        Updates.set("publishedAt", Date.from(now)),
                        Updates.push(OutboxEntry.FIELD, published.toDocument()),
                        Updates.set(OutboxEntry.PENDING, true)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(updated).map(this::fromDocument);
    }

    private Document toDocument(Achievement a) {
        return new Document("_id", a.id())
                .append("providerId", a.providerId())
                .append("status", a.status().name())
                .append("definition", definitionDocument(a.definition()))
                .append("revision", a.revision())
                .append("publishedRevision", a.publishedRevision())
                .append("createdAt", Date.from(a.createdAt()))
                .append("updatedAt", Date.from(a.updatedAt()))
                .append("publishedAt", a.publishedAt() == null ? null : Date.from(a.publishedAt()));
    }

    private Achievement fromDocument(Document d) {
        AchievementDefinition definition = mapper.convertValue(d.get("definition", Document.class),
                AchievementDefinition.class);
        Date publishedAt = d.getDate("publishedAt");
        return new Achievement(d.getString("_id"), d.getString("providerId"),
                AchievementStatus.valueOf(d.getString("status")), definition,
                d.get("revision", Number.class).longValue(), d.get("publishedRevision", Number.class).longValue(),
                d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant(),
                publishedAt == null ? null : publishedAt.toInstant());
    }

    private Document definitionDocument(AchievementDefinition definition) {
        return new Document(mapper.convertValue(definition, MAP));
    }
}
