package ca.microcred.support.outbox;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes the events that services leave in their documents' outbox, then removes them from the document.
 * A crash between the broker's acknowledgement and the removal publishes the event again on restart (same
 * event id), which consumers treat as a no-op; an event is never lost.
 * <p>
 * Two ways in. Writers that hand over what they have just stored ({@link #wakeUp(List)}) get their events
 * published straight from memory: the store is written once per batch (removing the acknowledged entries) and
 * never read. Everything else (a plain {@link #wakeUp()}, the scheduled poll, a hand-over that was refused or
 * whose send failed, events left by a crash) is found by querying the store for pending documents. Both ways
 * publish a batch without waiting record by record, and remove an entry only once the broker acknowledged it.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Outgoing channel shared by every topic: the topic travels with each record. */
    public static final String CHANNEL = "outbox";

    /** Sends awaited together; the Kafka sink accepts up to its max-inflight-messages (1,024 by default). */
    private static final int IN_FLIGHT = 1000;

    private final MongoClient mongo;
    private final String database;
    private final MutinyEmitter<byte[]> emitter;
    private final OutboxConfig config;
    private final Counter published;
    private final ReentrantLock draining = new ReentrantLock();
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    private final AtomicBoolean handOverQueued = new AtomicBoolean();
    /** Handed-over entries not yet taken for publishing, by event id, in hand-over order; guarded by itself. */
    private final LinkedHashMap<String, OutboxWrite> handedOver = new LinkedHashMap<>();
    /** Set when events are known to wait in the store only (refused hand-over, failed send). */
    private volatile boolean sweepWanted;

    public OutboxRelay(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                       @Channel(CHANNEL) MutinyEmitter<byte[]> emitter, OutboxConfig config, MeterRegistry metrics) {
        this.mongo = mongo;
        this.database = database;
        this.emitter = emitter;
        this.config = config;
        this.published = metrics.counter("microcred.outbox.published");
    }

    void createIndexes(@Observes StartupEvent start) {
        for (MongoCollection<Document> collection : collections()) {
            collection.createIndex(Indexes.ascending(OutboxEntry.PENDING));
        }
    }

    /** Asks for a drain soon, off the caller's thread; many calls while one is queued collapse into one. */
    public void wakeUp() {
        if (config.enabled() && wakeUpQueued.compareAndSet(false, true)) {
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                wakeUpQueued.set(false);
                drainQuietly();
            });
        }
    }

    /**
     * Hands over entries the caller has just stored, so they are published without reading their documents back;
     * returns at once. Call it only after the write succeeded. Entries beyond {@link OutboxConfig#handOverCapacity()}
     * are refused and published from the store instead (a few moments later).
     */
    public void wakeUp(List<OutboxWrite> written) {
        if (!config.enabled() || written.isEmpty()) {
            return;
        }
        synchronized (handedOver) {
            for (OutboxWrite write : written) {
                if (handedOver.size() >= config.handOverCapacity()) {
                    sweepWanted = true;
                    break;
                }
                handedOver.put(write.entry().eventId(), write);
            }
        }
        scheduleHandOver();
    }

    /**
     * Waits until the hand-over queue has room for {@code events} more, so a writer producing a large burst runs
     * no further ahead of the broker than the queue allows.
     *
     * @return false when the time ran out first (the writer may go on: refused entries wait in the store)
     */
    public boolean awaitHandOverRoom(int events, Duration timeout) {
        if (!config.enabled()) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int room = Math.max(0, config.handOverCapacity() - Math.min(events, config.handOverCapacity()));
        synchronized (handedOver) {
            while (handedOver.size() > room) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(handedOver, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    // a slow start can outlast the initial delay, and until the application runs the outgoing channel may not be
    // connected yet (sending fails with SRMSG00019): the first poll waits for the application to be running
    @Scheduled(every = "${microcred.outbox.poll-interval:1s}", delayed = "${microcred.outbox.initial-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        if (config.enabled()) {
            drainQuietly();
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            // the events stay in their documents; the next round publishes them
            sweepWanted = true;
            Log.warnf("Outbox relay round failed, will retry: %s", e.getMessage());
        }
    }

    /** Publishes every pending event, handed over or stored; returns how many were published. */
    public int drain() {
        if (!draining.tryLock()) {
            return 0;
        }
        try {
            int total = publishHandedOver();
            sweepWanted = false;
            for (MongoCollection<Document> collection : collections()) {
                int round;
                do {
                    round = sweepBatch(collection);
                    total += round;
                } while (round > 0);
            }
            return total + publishHandedOver();
        } finally {
            draining.unlock();
            if (hasHandedOver()) {
                scheduleHandOver();
            }
        }
    }

    private void scheduleHandOver() {
        if (handOverQueued.compareAndSet(false, true)) {
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                handOverQueued.set(false);
                drainHandedOverQuietly();
            });
        }
    }

    private void drainHandedOverQuietly() {
        if (!draining.tryLock()) {
            // the holder looks at the queue again once it lets go
            return;
        }
        try {
            publishHandedOver();
            if (sweepWanted) {
                sweepWanted = false;
                for (MongoCollection<Document> collection : collections()) {
                    while (sweepBatch(collection) > 0) {
                        publishHandedOver();
                    }
                }
                publishHandedOver();
            }
        } catch (RuntimeException e) {
            sweepWanted = true;
            Log.warnf("Outbox relay round failed, will retry: %s", e.getMessage());
        } finally {
            draining.unlock();
            if (hasHandedOver()) {
                scheduleHandOver();
            }
        }
    }

    private boolean hasHandedOver() {
        synchronized (handedOver) {
            return !handedOver.isEmpty();
        }
    }

    /** Publishes the handed-over queue until it is empty, one collection's run of entries per round. */
    private int publishHandedOver() {
        int total = 0;
        while (true) {
            List<OutboxWrite> batch = takeHandedOver();
            if (batch.isEmpty()) {
                return total;
            }
            List<OutboxWrite> acknowledged = publish(batch);
            if (acknowledged.size() < batch.size()) {
                // the rest is still in the store; it goes out from there
                sweepWanted = true;
            }
            total += acknowledged.size();
        }
    }

    /**
     * The oldest handed-over entries of one collection, at most a batch. Rounds never mix collections, so a
     * service that writes one collection's events before another's has them acknowledged in that order.
     */
    private List<OutboxWrite> takeHandedOver() {
        List<OutboxWrite> batch = new ArrayList<>();
        synchronized (handedOver) {
            Iterator<OutboxWrite> queued = handedOver.values().iterator();
            while (queued.hasNext() && batch.size() < config.batchSize()) {
                OutboxWrite next = queued.next();
                if (!batch.isEmpty() && !batch.get(0).collection().equals(next.collection())) {
                    break;
                }
                batch.add(next);
                queued.remove();
            }
            if (!batch.isEmpty()) {
                handedOver.notifyAll();
            }
        }
        return batch;
    }

    /** Reads one batch of pending documents from the store and publishes their entries. */
    private int sweepBatch(MongoCollection<Document> collection) {
        List<Document> documents = collection.find(Filters.eq(OutboxEntry.PENDING, true))
                .projection(new Document(OutboxEntry.FIELD, 1))
                .limit(config.batchSize())
                .into(new ArrayList<>());
        if (documents.isEmpty()) {
            return 0;
        }
        List<OutboxWrite> writes = new ArrayList<>();
        int emptied = 0;
        for (Document document : documents) {
            List<Document> entries = document.getList(OutboxEntry.FIELD, Document.class, List.of());
            if (entries.isEmpty()) {
                emptied++;
            }
            for (Document entry : entries) {
                writes.add(new OutboxWrite(collection.getNamespace().getCollectionName(), document.get("_id"),
                        OutboxEntry.fromDocument(entry)));
            }
        }
        synchronized (handedOver) {
            // published from here now; the queued copy would only publish them twice
            writes.forEach(write -> handedOver.remove(write.entry().eventId()));
            handedOver.notifyAll();
        }
        long cleared = 0;
        if (emptied > 0) {
            // published already, flag not yet cleared
            cleared = clearEmptied(collection);
        }
        List<OutboxWrite> acknowledged = writes.isEmpty() ? List.of() : publish(writes);
        if (acknowledged.size() < writes.size()) {
            throw new IllegalStateException((writes.size() - acknowledged.size()) + " of " + writes.size()
                    + " events were not acknowledged by the broker");
        }
        // documents that could not be cleared (no outbox array at all) must not keep the sweep going round
        return acknowledged.size() + (int) cleared;
    }

    /**
     * Sends every entry without waiting record by record, then removes the acknowledged ones from their documents
     * in one bulk write.
     *
     * @param writes entries of one collection
     * @return the entries the broker acknowledged (and that were removed)
     */
    private List<OutboxWrite> publish(List<OutboxWrite> writes) {
        List<OutboxWrite> acknowledged = new ArrayList<>(writes.size());
        for (int from = 0; from < writes.size(); from += IN_FLIGHT) {
            List<OutboxWrite> window = writes.subList(from, Math.min(writes.size(), from + IN_FLIGHT));
            List<CompletableFuture<Void>> sends = new ArrayList<>(window.size());
            for (OutboxWrite write : window) {
                sends.add(send(write.entry()));
            }
            long deadline = System.nanoTime() + config.sendTimeout().toNanos();
            for (int i = 0; i < sends.size(); i++) {
                if (acknowledged(sends.get(i), deadline)) {
                    acknowledged.add(window.get(i));
                }
            }
        }
        if (!acknowledged.isEmpty()) {
            remove(acknowledged);
            published.increment(acknowledged.size());
        }
        return acknowledged;
    }

    private static boolean acknowledged(CompletableFuture<Void> send, long deadline) {
        try {
            send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            Log.debugf("Outbox event not acknowledged: %s", e.getMessage());
            return false;
        }
    }

    /**
     * Removes acknowledged entries from their documents, each by its {@code _id} alone (the cheapest write any
     * store offers), then clears the pending flag of the documents left with an empty outbox in one update.
     * That update re-checks emptiness document by document as it writes, so an entry appended meanwhile keeps
     * its document's flag set.
     */
    private void remove(List<OutboxWrite> acknowledged) {
        MongoCollection<Document> collection = mongo.getDatabase(database)
                .getCollection(acknowledged.get(0).collection());
        Map<Object, List<String>> idsByDocument = new LinkedHashMap<>();
        for (OutboxWrite write : acknowledged) {
            idsByDocument.computeIfAbsent(write.documentId(), id -> new ArrayList<>()).add(write.entry().eventId());
        }
        List<WriteModel<Document>> pulls = new ArrayList<>(idsByDocument.size());
        idsByDocument.forEach((id, eventIds) -> pulls.add(new UpdateOneModel<>(Filters.eq("_id", id),
                Updates.pull(OutboxEntry.FIELD, Filters.in("eventId", eventIds)))));
        collection.bulkWrite(pulls, new BulkWriteOptions().ordered(false));
        clearEmptied(collection);
    }

    private static long clearEmptied(MongoCollection<Document> collection) {
        return collection.updateMany(Filters.and(Filters.eq(OutboxEntry.PENDING, true), Filters.size(OutboxEntry.FIELD, 0)),
                Updates.set(OutboxEntry.PENDING, false)).getModifiedCount();
    }

    private CompletableFuture<Void> send(OutboxEntry entry) {
        RecordHeaders headers = new RecordHeaders();
        entry.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(entry.topic())
                .withKey(entry.key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(entry.data().getBytes(StandardCharsets.UTF_8)).addMetadata(metadata))
                .subscribeAsCompletionStage();
    }

    private List<MongoCollection<Document>> collections() {
        return config.collections().stream()
                .filter(name -> !"none".equals(name))
                .map(name -> mongo.getDatabase(database).getCollection(name))
                .toList();
    }
}
