package ca.microcred.issuer.revocation.repository;

import ca.microcred.issuer.revocation.CredentialState;
import ca.microcred.issuer.revocation.CredentialStatus;
import ca.microcred.support.outbox.OutboxEntry;
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
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Statuses kept in the {@code credentials} documents themselves ({@code status}, {@code statusReason},
 * {@code statusChangedAt}, {@code statusHistory}). A status change and its CredentialRevoked outbox entry are
 * one conditional update of the credential's document, and the provider's status lists are read from these
 * fields, so the list, the status and the event can never disagree.
 */
@ApplicationScoped
public class CredentialStatusRepository {

    /** Collection shared with the issuing code, which stores {@link #STATUS} and {@link #STATUS_INDEX}. */
    public static final String COLLECTION = "credentials";
    public static final String STATUS = "status";
    public static final String STATUS_INDEX = "statusIndex";

    private final MongoCollection<Document> collection;

    public CredentialStatusRepository(MongoClient mongo,
                                      @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    /** Status lists are read per provider and status. */
    public void createIndexes() {
        collection.createIndex(Indexes.ascending("providerId", STATUS), new IndexOptions().name("providerId_status"));
    }

    public Optional<CredentialStatus> find(String credentialId) {
        Document d = collection.find(Filters.eq("_id", credentialId))
                .projection(Projections.include("providerId", STATUS, "statusReason", "statusChangedAt", "issuedAt",
                        STATUS_INDEX))
                .first();
        if (d == null) {
            return Optional.empty();
        }
        Date changedAt = d.getDate("statusChangedAt") != null ? d.getDate("statusChangedAt") : d.getDate("issuedAt");
        return Optional.of(new CredentialStatus(credentialId, d.getString("providerId"),
                CredentialState.ofStored(d.getString(STATUS)), d.getString("statusReason"),
                changedAt == null ? null : changedAt.toInstant(), d.getInteger(STATUS_INDEX)));
    }

    /**
     * Moves the credential to {@code to} and queues the event announcing it, in one document update that only
     * applies while the credential is still in one of the {@code from} states.
     *
     * @return false when the credential is not (any longer) in one of those states, or does not exist
     */
    public boolean change(String credentialId, Collection<CredentialState> from, CredentialState to, String reason,
                          Instant at, String action, String actor, OutboxEntry event) {
        List<String> fromValues = new ArrayList<>();
        for (CredentialState state : from) {
            fromValues.add(state.value());
            if (state == CredentialState.ACTIVE) {
                // credentials stored before statuses were kept have no status field: they are active
                fromValues.add(null);
            }
        }
        return collection.updateOne(
                Filters.and(Filters.eq("_id", credentialId), Filters.in(STATUS, fromValues)),
                Updates.combine(
                        Updates.set(STATUS, to.value()),
                        Updates.set("statusReason", reason),
                        Updates.set("statusChangedAt", Date.from(at)),
                        Updates.push("statusHistory", new Document("action", action)
                                .append("reason", reason)
                                .append("at", Date.from(at))
                                .append("actor", actor)),
                        Updates.push(OutboxEntry.FIELD, event.toDocument()),
                        Updates.set(OutboxEntry.PENDING, true))).getModifiedCount() == 1;
    }

    /** Status list indexes of the provider's credentials that are in the given state. */
    public List<Integer> indexesIn(String providerId, CredentialState state) {
        return collection.find(Filters.and(Filters.eq("providerId", providerId), Filters.eq(STATUS, state.value()),
                        Filters.ne(STATUS_INDEX, null)))
                .projection(Projections.include(STATUS_INDEX))
                .map(d -> d.getInteger(STATUS_INDEX))
                .into(new ArrayList<>());
    }
}
