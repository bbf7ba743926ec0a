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
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes the events that services leave in their documents' outbox, then removes them from the document.
 * A crash between the broker's acknowledgement and the removal publishes the event again on restart (same
 * event id), which consumers treat as a no-op; an event is never lost.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Outgoing channel shared by every topic: the topic travels with each record. */
    public static final String CHANNEL = "outbox";

    private static final int IN_FLIGHT = 200;

    private final MongoClient mongo;
    private final String database;
    private final MutinyEmitter<byte[]> emitter;
    private final OutboxConfig config;
    private final Counter published;
    private final ReentrantLock draining = new ReentrantLock();
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();

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

    @Scheduled(every = "${microcred.outbox.poll-interval:1s}", delayed = "${microcred.outbox.initial-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
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
            Log.warnf("Outbox relay round failed, will retry: %s", e.getMessage());
        }
    }

    /** Publishes every pending event; returns how many were published. */
    public int drain() {
        if (!draining.tryLock()) {
            return 0;
        }
        try {
            int total = 0;
            for (MongoCollection<Document> collection : collections()) {
                int round;
                do {
                    round = drainBatch(collection);
                    total += round;
                } while (round > 0);
            }
            return total;
        } finally {
            draining.unlock();
        }
    }

    private int drainBatch(MongoCollection<Document> collection) {
        List<Document> documents = collection.find(Filters.eq(OutboxEntry.PENDING, true))
                .projection(new Document(OutboxEntry.FIELD, 1))
                .limit(config.batchSize())
                .into(new ArrayList<>());
        if (documents.isEmpty()) {
            return 0;
        }
        List<Uni<Void>> sends = new ArrayList<>();
        int count = 0;
        for (Document document : documents) {
            for (Document entry : document.getList(OutboxEntry.FIELD, Document.class, List.of())) {
                sends.add(send(OutboxEntry.fromDocument(entry)));
                count++;
                if (sends.size() >= IN_FLIGHT) {
                    await(sends);
                    sends.clear();
                }
            }
        }
        await(sends);
        List<WriteModel<Document>> marks = new ArrayList<>(documents.size() * 2);
        for (Document document : documents) {
            List<String> ids = document.getList(OutboxEntry.FIELD, Document.class, List.of()).stream()
                    .map(d -> d.getString("eventId")).toList();
            marks.add(new UpdateOneModel<>(Filters.eq("_id", document.get("_id")),
                    Updates.pull(OutboxEntry.FIELD, Filters.in("eventId", ids))));
            // entries appended meanwhile keep the flag set
            marks.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", document.get("_id")),
                    Filters.size(OutboxEntry.FIELD, 0)), Updates.set(OutboxEntry.PENDING, false)));
        }
        collection.bulkWrite(marks, new BulkWriteOptions().ordered(true));
        published.increment(count);
        return count;
    }

    private Uni<Void> send(OutboxEntry entry) {
        RecordHeaders headers = new RecordHeaders();
        entry.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(entry.topic())
                .withKey(entry.key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(entry.data().getBytes(StandardCharsets.UTF_8)).addMetadata(metadata));
    }

    private void await(List<Uni<Void>> sends) {
        if (!sends.isEmpty()) {
            Uni.join().all(sends).andFailFast().await().atMost(config.sendTimeout());
        }
    }

    private List<MongoCollection<Document>> collections() {
        return config.collections().stream()
                .filter(name -> !"none".equals(name))
                .map(name -> mongo.getDatabase(database).getCollection(name))
                .toList();
    }
}
