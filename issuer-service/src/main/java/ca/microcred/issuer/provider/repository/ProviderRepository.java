package ca.microcred.issuer.provider.repository;

import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.Province;
import ca.microcred.issuer.provider.Provider;
import ca.microcred.issuer.provider.ProviderDetails;
import ca.microcred.issuer.provider.ProviderKey;
import ca.microcred.issuer.provider.ProviderType;
import ca.microcred.support.outbox.OutboxEntry;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static com.mongodb.client.model.Filters.eq;

/**
 * Providers, one document each: details, keys and the outbox entries announcing changes to them, so a
 * registration and its ProviderRegistered event are written in one atomic insert.
 */
@ApplicationScoped
public class ProviderRepository {

    public static final String COLLECTION = "providers";

    private final MongoCollection<Document> collection;

    public ProviderRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    /** Returns false when a provider with this id already exists. */
    public boolean insert(Provider provider, OutboxEntry registered) {
        Document document = toDocument(provider)
                .append(OutboxEntry.FIELD, List.of(registered.toDocument()))
                .append(OutboxEntry.PENDING, true);
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Provider> find(String id) {
        return Optional.ofNullable(collection.find(eq("_id", id)).first()).map(ProviderRepository::fromDocument);
    }

    public List<Provider> list(int offset, int limit) {
        return collection.find().sort(Sorts.ascending("_id")).skip(offset).limit(limit)
                .map(ProviderRepository::fromDocument).into(new ArrayList<>());
    }

    public Optional<Provider> updateDetails(String id, ProviderDetails details, Instant now) {
        return update(id, Updates.combine(
                Updates.set("name", localized(details.name())),
                Updates.set("url", details.url()),
                Updates.set("email", details.email()),
                Updates.set("province", details.province().name()),
                Updates.set("providerType", details.providerType().name()),
                Updates.set("includeLearnerName", details.includeLearnerName()),
                Updates.set("updatedAt", Date.from(now))));
    }

    /** Appends a key and makes it the signing key in one update, so no reader sees one without the other. */
    public Optional<Provider> addActiveKey(String id, ProviderKey key, Instant now) {
        return update(id, Updates.combine(
                Updates.push("keys", keyDocument(key)),
                Updates.set("activeKeyId", key.id()),
                Updates.set("updatedAt", Date.from(now))));
    }

    private Optional<Provider> update(String id, Bson update) {
        Document updated = collection.findOneAndUpdate(eq("_id", id), update,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(updated).map(ProviderRepository::fromDocument);
    }

    static Document toDocument(Provider p) {
        return new Document("_id", p.id())
                .append("name", localized(p.name()))
                .append("url", p.url())
                .append("email", p.email())
                .append("province", p.province().name())
                .append("providerType", p.providerType().name())
                .append("includeLearnerName", p.includeLearnerName())
                .append("did", p.did())
                .append("keys", p.keys().stream().map(ProviderRepository::keyDocument).toList())
                .append("activeKeyId", p.activeKeyId())
                .append("createdAt", Date.from(p.createdAt()))
                .append("updatedAt", Date.from(p.updatedAt()));
    }

    static Provider fromDocument(Document d) {
        Document name = d.get("name", Document.class);
        List<ProviderKey> keys = d.getList("keys", Document.class, List.of()).stream()
                .map(k -> new ProviderKey(k.getString("id"), k.getString("publicKeyMultibase"),
                        k.getString("encryptedPrivateKey"), k.getDate("createdAt").toInstant()))
                .toList();
        return new Provider(d.getString("_id"),
                new LocalizedText(name.getString("en"), name.getString("fr")),
                d.getString("url"), d.getString("email"),
                Province.valueOf(d.getString("province")),
                ProviderType.valueOf(d.getString("providerType")),
                d.getBoolean("includeLearnerName", false),
                d.getString("did"), keys, d.getString("activeKeyId"),
                d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant());
    }

    private static Document localized(LocalizedText text) {
        return new Document("en", text.en()).append("fr", text.fr());
    }

    private static Document keyDocument(ProviderKey key) {
        return new Document("id", key.id())
                .append("publicKeyMultibase", key.publicKeyMultibase())
                .append("encryptedPrivateKey", key.encryptedPrivateKey())
                .append("createdAt", Date.from(key.createdAt()));
    }
}
