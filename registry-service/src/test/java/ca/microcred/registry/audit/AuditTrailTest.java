package ca.microcred.registry.audit;

import ca.microcred.devstack.DevstackTestResource;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class AuditTrailTest {

    @Inject
    AuditTrail trail;

    @Inject
    MongoClient mongo;

    @Test
    void appendsFromManyThreadsStayOrderedGapFreeAndLinked() throws Exception {
        int threads = 8;
        int perThread = 40;
        String entity = "concurrent-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Set<Long> seqs = ConcurrentHashMap.newKeySet();
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        AuditEntry entry = trail.append("event-" + thread + "-" + i, "test", entity, "prov-test",
                                Map.of("thread", thread, "i", i));
                        assertTrue(seqs.add(entry.seq()), "sequence number " + entry.seq() + " handed out twice");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        ChainVerification verification = trail.verify();
        assertTrue(verification.intact(), () -> "chain broken: " + verification);
        AuditPage page = trail.find(new AuditQuery(entity, null, null, null), 0, 500);
        assertEquals(threads * perThread, page.total());
        // this test's entries are the ones its threads were handed, and each links to the entry before it
        assertEquals(new TreeSet<>(seqs), new TreeSet<>(page.items().stream().map(AuditEntry::seq).toList()));
        for (AuditEntry entry : page.items()) {
            AuditEntry previous = entries().find(Filters.eq("_id", entry.seq() - 1)).map(AuditEntry::fromDocument)
                    .first();
            assertEquals(previous == null ? AuditEntry.GENESIS : previous.hash(), entry.prevHash());
        }
    }

    @Test
    void batchesAndSingleAppendsRacingStayOrderedGapFreeAndLinked() throws Exception {
        int threads = 6;
        int rounds = 15;
        int batchSize = 25;
        String entity = "batches-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Set<Long> seqs = ConcurrentHashMap.newKeySet();
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int r = 0; r < rounds; r++) {
                        List<AuditEntry> written;
                        if (thread % 2 == 0) {
                            List<AuditTrail.Pending> batch = new ArrayList<>();
                            for (int i = 0; i < batchSize; i++) {
                                batch.add(new AuditTrail.Pending("event-" + thread + "-" + r + "-" + i, "test", entity,
                                        "prov-test", Map.of("thread", thread, "r", r, "i", i)));
                            }
                            written = trail.appendAll(batch);
                            assertEquals(batchSize, written.size());
                        } else {
                            written = List.of(trail.append("event-" + thread + "-" + r, "test", entity, "prov-test",
                                    Map.of("thread", thread, "r", r)));
                        }
                        for (AuditEntry entry : written) {
                            assertTrue(seqs.add(entry.seq()), "sequence number " + entry.seq() + " handed out twice");
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(180, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        ChainVerification verification = trail.verify();
        assertTrue(verification.intact(), () -> "chain broken: " + verification);
        int expected = (threads / 2) * rounds * batchSize + (threads - threads / 2) * rounds;
        AuditPage page = trail.find(new AuditQuery(entity, null, null, null), 0, expected + 1);
        assertEquals(expected, page.total());
        assertEquals(new TreeSet<>(seqs), new TreeSet<>(page.items().stream().map(AuditEntry::seq).toList()));
        // a batch keeps its order: within one batch, entry i comes before entry i + 1
        Map<String, Long> seqByActor = new HashMap<>();
        page.items().forEach(e -> seqByActor.put(e.actor(), e.seq()));
        for (int t = 0; t < threads; t += 2) {
            for (int r = 0; r < rounds; r++) {
                for (int i = 1; i < batchSize; i++) {
                    assertTrue(seqByActor.get("event-" + t + "-" + r + "-" + (i - 1))
                            < seqByActor.get("event-" + t + "-" + r + "-" + i));
                }
            }
        }
    }

    @Test
    void anEntryEditedInTheDatabaseIsFoundByVerification() {
        String entity = "tamper-" + UUID.randomUUID();
        trail.append("event-1", "test", entity, "prov-test", Map.of("status", "ACTIVE"));
        AuditEntry edited = trail.append("event-2", "test", entity, "prov-test", Map.of("status", "REVOKED"));
        trail.append("event-3", "test", entity, "prov-test", Map.of("status", "ACTIVE"));
        assertTrue(trail.verify().intact());

        Document original = entries().find(Filters.eq("_id", edited.seq())).first();
        try {
            entries().updateOne(Filters.eq("_id", edited.seq()), Updates.set("actor", "someone-else"));

            ChainVerification verification = trail.verify();
            assertFalse(verification.intact());
            assertEquals(edited.seq(), verification.firstBrokenSeq());
            assertEquals("hash does not match the entry's contents", verification.reason());
        } finally {
            entries().replaceOne(Filters.eq("_id", edited.seq()), original);
        }
        assertTrue(trail.verify().intact());
    }

    @Test
    void anEntryWhoseHashWasRecomputedStillBreaksTheLinkToTheNext() {
        String entity = "relink-" + UUID.randomUUID();
        AuditEntry edited = trail.append("event-1", "test", entity, "prov-test", Map.of("status", "ACTIVE"));
        trail.append("event-2", "test", entity, "prov-test", Map.of("status", "REVOKED"));
        Document original = entries().find(Filters.eq("_id", edited.seq())).first();
        try {
            // a forger who also fixes the edited entry's own hash
            AuditEntry forged = AuditEntry.link(edited.seq(), edited.time(), edited.actor(), edited.entityType(),
                    edited.entityId(), edited.providerId(), CanonicalJson.sha256("{}"), edited.prevHash());
            entries().replaceOne(Filters.eq("_id", edited.seq()), forged.toDocument());

            ChainVerification verification = trail.verify();
            assertFalse(verification.intact());
            assertEquals(edited.seq() + 1, verification.firstBrokenSeq());
        } finally {
            entries().replaceOne(Filters.eq("_id", edited.seq()), original);
        }
    }

    @Test
    void aDeletedEntryIsReportedAsMissing() {
        String entity = "delete-" + UUID.randomUUID();
        AuditEntry removed = trail.append("event-1", "test", entity, "prov-test", Map.of("n", 1));
        trail.append("event-2", "test", entity, "prov-test", Map.of("n", 2));
        Document original = entries().find(Filters.eq("_id", removed.seq())).first();
        try {
            entries().deleteOne(Filters.eq("_id", removed.seq()));

            ChainVerification verification = trail.verify();
            assertFalse(verification.intact());
            assertEquals(removed.seq(), verification.firstBrokenSeq());
        } finally {
            entries().insertOne(original);
        }
        assertTrue(trail.verify().intact());
    }

    @Test
    void aWriterThatStoppedAfterWritingItsEntryLeavesNoGap() {
        String entity = "crash-" + UUID.randomUUID();
        trail.append("event-1", "test", entity, "prov-test", Map.of("n", 1));
        // what a writer leaves when it stops between inserting entry n+1 and moving the head to it
        Document head = mongo.getDatabase("registry").getCollection(AuditTrail.HEAD).find().first();
        long seq = ((Number) head.get("seq")).longValue();
        AuditEntry orphan = AuditEntry.link(seq + 1, Instant.now().truncatedTo(ChronoUnit.MILLIS), "event-2",
                "test", entity, "prov-test", CanonicalJson.sha256(CanonicalJson.of(Map.of("n", 2))),
                head.getString("lastHash"));
        entries().insertOne(orphan.toDocument());

        AuditEntry next = trail.append("event-3", "test", entity, "prov-test", Map.of("n", 3));

        assertTrue(next.seq() > orphan.seq());
        assertEquals(orphan.hash(), entries().find(Filters.eq("_id", orphan.seq())).first().getString("hash"));
        assertEquals(orphan.hash(), entries().find(Filters.eq("_id", orphan.seq() + 1)).first().getString("prevHash"));
        assertTrue(trail.verify().intact(), () -> "chain broken: " + trail.verify());
        assertEquals(3, trail.find(new AuditQuery(entity, null, null, null), 0, 10).total());
    }

    @Test
    void stateHashesDependOnTheStateNotOnFieldOrder() {
        String a = CanonicalJson.of(Map.of("b", 1, "a", List.of(Map.of("y", 2, "x", 1))));
        String b = CanonicalJson.of(new java.util.TreeMap<>(Map.of("a", List.of(Map.of("x", 1, "y", 2)), "b", 1)));
        assertEquals("{\"a\":[{\"x\":1,\"y\":2}],\"b\":1}", a);
        assertEquals(a, b);
        assertNotEquals(CanonicalJson.sha256(a), CanonicalJson.sha256(CanonicalJson.of(Map.of("a", 1, "b", 1))));
    }

    private MongoCollection<Document> entries() {
        return mongo.getDatabase("registry").getCollection(AuditTrail.ENTRIES);
    }
}
