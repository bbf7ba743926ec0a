package ca.microcred.issuer.outbox;

import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.issuer.revocation.messaging.RevocationEvents;
import ca.microcred.issuer.support.TopicReader;
import ca.microcred.issuer.support.TopicReader.Published;
import ca.microcred.support.outbox.OutboxEntry;
import ca.microcred.support.outbox.OutboxRelay;
import ca.microcred.support.outbox.OutboxWrite;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static ca.microcred.issuer.support.Completions.newId;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Entries a writer hands over to the relay are published from memory and removed from their documents once the
 * broker acknowledged them. The documents live in a collection the relay's polling never reads, so only the
 * hand-over can have published them.
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class OutboxHandOverTest {

    /** Not among microcred.outbox.collections. */
    private static final String UNSWEPT = "outbox_hand_over";
    private static final MongoClient CLIENT = MongoClients.create(DevstackTestResource.mongoConnectionString());

    @Inject
    OutboxRelay relay;

    @Inject
    RevocationEvents events;

    @Test
    void handedOverEntriesArePublishedOnceEachAndLeaveTheirDocuments() {
        // more than one relay batch (500) and more than its hand-over queue holds at once (1,000)
        int count = 1_200;
        List<OutboxWrite> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String credentialId = newId("cred");
            OutboxEntry entry = revoked(credentialId);
            collection().insertOne(pending(credentialId, entry));
            writes.add(new OutboxWrite(UNSWEPT, credentialId, entry));
        }
        for (int from = 0; from < count; from += 300) {
            assertTrue(relay.awaitHandOverRoom(300, Duration.ofSeconds(60)), "the relay makes room as it publishes");
            relay.wakeUp(writes.subList(from, from + 300));
        }

        Set<String> keys = writes.stream().map(w -> w.entry().key()).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(120)).until(() ->
                collection().countDocuments(Filters.and(Filters.in("_id", keys), Filters.eq(OutboxEntry.PENDING, true))) == 0);
        for (Document document : collection().find(Filters.in("_id", keys))) {
            assertThat(document.getList(OutboxEntry.FIELD, Document.class), empty());
        }
        List<Published> published = TopicReader.read(Topics.CREDENTIALS, keys::contains);
        assertThat(published, hasSize(count));
        assertEquals(writes.stream().map(w -> w.entry().eventId()).collect(Collectors.toSet()),
                published.stream().map(p -> p.event().id()).collect(Collectors.toSet()));
    }

    @Test
    void anEntryThatWasNotHandedOverStaysPendingInItsDocument() {
        String credentialId = newId("cred");
        OutboxEntry handedOver = revoked(credentialId);
        OutboxEntry appendedLater = revoked(credentialId);
        Document document = pending(credentialId, handedOver);
        document.put(OutboxEntry.FIELD, List.of(handedOver.toDocument(), appendedLater.toDocument()));
        collection().insertOne(document);

        relay.wakeUp(List.of(new OutboxWrite(UNSWEPT, credentialId, handedOver)));

        await().atMost(Duration.ofSeconds(60)).until(() -> outboxOf(credentialId).size() == 1);
        Document stored = collection().find(Filters.eq("_id", credentialId)).first();
        assertEquals(true, stored.getBoolean(OutboxEntry.PENDING));
        assertEquals(appendedLater.eventId(), outboxOf(credentialId).get(0).getString("eventId"));
        assertThat(TopicReader.read(Topics.CREDENTIALS, credentialId::equals).stream().map(p -> p.event().id()).toList(),
                contains(handedOver.eventId()));
    }

    private OutboxEntry revoked(String credentialId) {
        return events.credentialRevoked(credentialId, "prov-hand-over", CredentialRevoked.Action.REVOKED,
                "withdrawn by the provider", Instant.parse("2026-01-15T10:00:00Z"));
    }

    private static Document pending(String id, OutboxEntry entry) {
        return new Document("_id", id).append(OutboxEntry.FIELD, List.of(entry.toDocument()))
                .append(OutboxEntry.PENDING, true);
    }

    private static List<Document> outboxOf(String id) {
        return collection().find(Filters.eq("_id", id)).first().getList(OutboxEntry.FIELD, Document.class);
    }

    private static MongoCollection<Document> collection() {
        return CLIENT.getDatabase("issuer").getCollection(UNSWEPT);
    }
}
