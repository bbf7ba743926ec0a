package ca.microcred.registry.ingest;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import java.util.ArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Applies an event to one document exactly once using single-document atomicity only: read the document, change it
 * in memory, write it back on condition that its version did not move in between, or insert it when it did not
 * exist (the unique {@code _id} turns a racing insert into E11000). A lost race starts over from a fresh read.
 */
public final class DocumentWrites {

    private static final int ATTEMPTS = 10;

    private DocumentWrites() {
    }

    /**
     * @param absent builds the document when the event is the first one seen for this id
     * @param change applies the event; it may leave the state as it is (a late or superseded event), the event is
     *               recorded as applied either way
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
            if (document.appliedEventIds == null) {
                document.appliedEventIds = new ArrayList<>();
            }
            document.id = id;
            change.accept(document);
            document.appliedEventIds.add(eventId);
            long expected = document.version;
            document.version = expected + 1;
            if (exists) {
                if (collection.replaceOne(Filters.and(Filters.eq("_id", id), Filters.eq("version", expected)), document)
                        .getMatchedCount() == 1) {
                    return true;
                }
            } else if (inserted(collection, document)) {
                return true;
            }
        }
        throw new IllegalStateException("Document " + id + " kept changing under concurrent writers; event "
                + eventId + " not applied after " + ATTEMPTS + " attempts");
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
