package ca.microcred.registry.provider.repository;

import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.contracts.events.ProviderRegistered;
import ca.microcred.registry.provider.Provider;
import ca.microcred.support.outbox.OutboxEntry;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The {@code providers} collection. Each document carries the ids of the events it reflects and its pending
 * outbox entries, so applying an event or recording a decision together with its announcement is one
 * single-document write.
 */
@ApplicationScoped
public class ProviderRepository {

    public static final String COLLECTION = "providers";

    private final MongoCollection<Document> providers;

    public ProviderRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.providers = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    void createIndexes(@Observes StartupEvent start) {
        providers.createIndex(Indexes.ascending("state", "_id"));
    }

    public Optional<Provider> find(String providerId) {
        return Optional.ofNullable(providers.find(Filters.eq("_id", providerId)).first()).map(Provider::fromDocument);
    }

    public List<Provider> list(State state, int page, int size) {
        return providers.find(filter(state)).sort(Sorts.ascending("_id")).skip(page * size).limit(size)
                .map(Provider::fromDocument).into(new ArrayList<>());
    }

    public long count(State state) {
        return providers.countDocuments(filter(state));
    }

    /**
     * Records the registration unless this document already reflects the event. The profile follows the latest
     * registration; the accreditation state is the registry's own and starts as {@code PENDING}.
     *
     * @return true if the event changed the document now
     */
    public boolean applyRegistration(String eventId, ProviderRegistered event) {
        Bson update = Updates.combine(
                Updates.set("name", new Document("en", event.name().en()).append("fr", event.name().fr())),
                Updates.set("url", event.url()),
                Updates.set("email", event.email()),
                Updates.set("province", event.province()),
                Updates.set("providerType", event.providerType()),
                Updates.set("did", event.did()),
                Updates.set("registeredAt", Date.from(event.registeredAt())),
                Updates.setOnInsert("state", State.PENDING.name()),
                Updates.setOnInsert("history", List.of()),
                Updates.inc("version", 1L),
                Updates.push("appliedEventIds", eventId));
        try {
            // a document that already lists the event does not match, and the upsert then collides on _id
            UpdateResult result = providers.updateOne(
                    Filters.and(Filters.eq("_id", event.providerId()), Filters.ne("appliedEventIds", eventId)),
                    update, new UpdateOptions().upsert(true));
            return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Records a decision and the event announcing it in one write, on condition that the provider is still at
     * {@code expectedVersion}.
     *
     * @return false when another write came first
     */
    public boolean applyDecision(String providerId, long expectedVersion, Provider.Decision decision,
                                 OutboxEntry announcement) {
        UpdateResult result = providers.updateOne(
                Filters.and(Filters.eq("_id", providerId), Filters.eq("version", expectedVersion)),
                Updates.combine(
                        Updates.set("state", decision.state().name()),
                        Updates.set("stateReason", decision.reason()),
                        Updates.set("decidedAt", Date.from(decision.decidedAt())),
                        Updates.inc("version", 1L),
                        Updates.push("history", decision.toDocument()),
                        Updates.push(OutboxEntry.FIELD, announcement.toDocument()),
                        Updates.set(OutboxEntry.PENDING, true)));
        return result.getModifiedCount() == 1;
    }

    private static Bson filter(State state) {
        return state == null ? new Document() : Filters.eq("state", state.name());
    }
}
