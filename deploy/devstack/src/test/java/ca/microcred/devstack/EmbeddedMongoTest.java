package ca.microcred.devstack;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedMongoTest {

    @Test
    void memoryStoreSupportsCrudAndAtomicUpdates() {
        try (EmbeddedMongo mongo = EmbeddedMongo.memory(0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertEquals("mongodb://localhost:" + mongo.port(), mongo.connectionString());
            MongoCollection<Document> credentials = client.getDatabase("registry").getCollection("credentials");

            credentials.insertOne(new Document("_id", "cred-1").append("status", "issued").append("version", 1));
            Document updated = credentials.findOneAndUpdate(Filters.eq("_id", "cred-1"),
                    Updates.combine(Updates.set("status", "revoked"), Updates.inc("version", 1)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            assertEquals("revoked", updated.getString("status"));
            assertEquals(2, updated.getInteger("version"));

            credentials.deleteOne(Filters.eq("_id", "cred-1"));
            assertNull(credentials.find(Filters.eq("_id", "cred-1")).first());
        }
    }

    @Test
    void uniqueIndexRejectsADuplicateWithE11000() {
        try (EmbeddedMongo mongo = EmbeddedMongo.memory(0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("registry").getCollection("processed_events");
            events.createIndex(Indexes.ascending("eventId"), new IndexOptions().unique(true));
            events.insertOne(new Document("eventId", "evt-1"));

            MongoWriteException duplicate = assertThrows(MongoWriteException.class,
                    () -> events.insertOne(new Document("eventId", "evt-1")));
            assertEquals(11000, duplicate.getCode());
            assertEquals(ErrorCategory.DUPLICATE_KEY, ErrorCategory.fromErrorCode(duplicate.getCode()));
            assertTrue(duplicate.getMessage().contains("E11000"), duplicate.getMessage());
            assertEquals(1, events.countDocuments());
        }
    }

    @Test
    void h2StoreKeepsDataAcrossCloseAndReopen(@TempDir Path dir) {
        Path file = dir.resolve("data").resolve("mongo.mv.db");
        int port;
        try (EmbeddedMongo mongo = EmbeddedMongo.h2(0, file);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            port = mongo.port();
            MongoCollection<Document> subscriptions = client.getDatabase("notification").getCollection("subscriptions");
            subscriptions.createIndex(Indexes.ascending("employerId", "achievementId"), new IndexOptions().unique(true));
            subscriptions.insertOne(new Document("_id", "sub-1").append("employerId", "acme").append("achievementId", "a-1"));
        }
        assertTrue(Files.isRegularFile(file));

        try (EmbeddedMongo mongo = EmbeddedMongo.h2(port, file);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> subscriptions = client.getDatabase("notification").getCollection("subscriptions");
            assertEquals("acme", subscriptions.find(Filters.eq("_id", "sub-1")).first().getString("employerId"));
            MongoWriteException duplicate = assertThrows(MongoWriteException.class, () -> subscriptions.insertOne(
                    new Document("_id", "sub-2").append("employerId", "acme").append("achievementId", "a-1")));
            assertEquals(11000, duplicate.getCode(), "the unique index survived the restart too");
        }
    }
}
