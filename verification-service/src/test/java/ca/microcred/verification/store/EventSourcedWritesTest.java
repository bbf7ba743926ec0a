package ca.microcred.verification.store;

import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.contracts.events.CredentialRevoked.Action;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.verification.credential.CredentialRecord;
import ca.microcred.verification.credential.repository.CredentialRecordRepository;
import ca.microcred.verification.support.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Concurrent consumers on one document: nothing lost, nothing applied twice. */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class EventSourcedWritesTest {

    private static final int WRITERS = 4;
    private static final int EVENTS_PER_WRITER = 10;

    @Inject
    CredentialRecordRepository records;

    @Test
    void racingWritersEachApplyTheirEventsAndSharedEventsOnce() throws Exception {
        String credentialId = TestEvents.newId("cred");
        Instant t0 = TestEvents.now();
        List<Callable<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(() -> {
                int applied = 0;
                for (int i = 0; i < EVENTS_PER_WRITER; i++) {
                    CredentialRevoked change = new CredentialRevoked(credentialId, "prov-1",
                            i % 2 == 0 ? Action.SUSPENDED : Action.REINSTATED, "change " + writer + "/" + i,
                            t0.plusMillis(writer * 100L + i));
                    if (records.applyOnce(credentialId, "own-" + writer + "-" + i, r -> r.applyStatusChange(change))) {
                        applied++;
                    }
                    // every writer also delivers the same shared event: exactly one of them may apply it
                    if (records.applyOnce(credentialId, "shared-" + i, r -> r.applyStatusChange(change))) {
                        applied++;
                    }
                }
                return applied;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        int applied = 0;
        try {
            for (Future<Integer> result : pool.invokeAll(writers)) {
                applied += result.get();
            }
        } finally {
            pool.shutdownNow();
        }

        int expected = WRITERS * EVENTS_PER_WRITER + EVENTS_PER_WRITER;
        CredentialRecord record = records.findById(credentialId);
        assertEquals(expected, applied);
        assertEquals(expected, record.appliedEventIds.size());
        assertEquals(expected, new HashSet<>(record.appliedEventIds).size());
        assertEquals(expected, record.statusChanges.size());
        assertEquals(expected, record.version);
    }
}
