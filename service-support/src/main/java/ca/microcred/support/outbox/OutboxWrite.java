package ca.microcred.support.outbox;

import java.util.Objects;

/**
 * An outbox entry its writer has just stored, handed to {@link OutboxRelay#wakeUp(java.util.List)} so the relay
 * can publish it without reading the document back. The stored entry stays the source of truth: the relay removes
 * it from the document only after the broker acknowledged it, and publishes it from the store if the hand-over is
 * lost (restart, full hand-over queue, failed send).
 *
 * @param collection the collection (in the service's database) of the document holding the entry
 * @param documentId the {@code _id} of that document
 * @param entry      the entry exactly as stored in the document's {@value OutboxEntry#FIELD} array
 */
public record OutboxWrite(String collection, Object documentId, OutboxEntry entry) {

    public OutboxWrite {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(entry, "entry");
    }
}
