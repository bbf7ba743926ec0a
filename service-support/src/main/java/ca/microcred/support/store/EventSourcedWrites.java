package ca.microcred.support.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.BsonDocument;
import org.bson.BsonDocumentWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.EncoderContext;

import java.util.ArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Applies an event to one event-sourced document exactly once, with single-document atomicity only: read the
 * document, change it in memory, then write it back on condition that nobody else wrote in between (version
 * compare-and-set), or insert it when it did not exist (a unique {@code _id} turns a racing insert into E11000).
 * The condition is the whole document as read, not only its version: a read is not guaranteed to be a snapshot
 * (the embedded test server serialises a stored document while a concurrent update rewrites it field by field,
 * so a read can pair the new version with the old event list), and a change computed from such a read must
 * not be written. Comparing every field makes the write succeed only when the stored document is exactly the
 * one the change was computed from.
 * A lost race starts over from a fresh read after a short random pause, so racing writers spread out instead of
 * colliding again.
 */
public final class EventSourcedWrites {

    private static final int ATTEMPTS = 20;
    private static final long MAX_BACKOFF_MICROS = 20_000;

    private EventSourcedWrites() {
    }

    /**
     * @param absent builds the document when the event is the first one seen for this id
     * @param change applies the event to the document; it may leave the state as it is (a stale event), the
     *               event is recorded as applied either way
     * @return true if the event was applied now, false if the document already reflected it
     */
    public static <T extends EventSourcedDocument> boolean applyOnce(MongoCollection<T> collection, String id,
                                                                  String eventId, Supplier<T> absent,
                                                                  Consumer<T> change) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            T current = collection.find(Filters.eq("_id", id)).first();
            boolean exists = current != null;
            T document = exists ? current : absent.get();
            if (document.reflects(eventId)) {
                return false;
            }
            BsonDocument asRead = exists ? encode(collection, current) : null;
            if (document.appliedEventIds == null) {
                document.appliedEventIds = new ArrayList<>();
            }
            document.id = id;
            change.accept(document);
            document.appliedEventIds.add(eventId);
            long expectedVersion = document.version;
            document.version = expectedVersion + 1;
            if (exists) {
                long matched = collection.replaceOne(asRead, document).getMatchedCount();
                if (matched == 1) {
                    return true;
                }
            } else if (inserted(collection, document)) {
                return true;
            }
            backOff(attempt);
        }
        throw new IllegalStateException("Document " + id + " kept changing under concurrent writers; "
                + "event " + eventId + " not applied after " + ATTEMPTS + " attempts");
    }

    private static <T> BsonDocument encode(MongoCollection<T> collection, T document) {
        Codec<T> codec = collection.getCodecRegistry().get(collection.getDocumentClass());
        BsonDocument encoded = new BsonDocument();
        codec.encode(new BsonDocumentWriter(encoded), document, EncoderContext.builder().build());
        return encoded;
    }

    private static void backOff(int attempt) {
        long bound = Math.min(MAX_BACKOFF_MICROS, 500L << Math.min(attempt, 10));
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextLong(bound)));
    }

    private static <T> boolean inserted(MongoCollection<T> collection, T document) {
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
}
