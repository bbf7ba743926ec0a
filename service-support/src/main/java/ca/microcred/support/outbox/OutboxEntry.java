package ca.microcred.support.outbox;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One event waiting to be published, stored inside the document whose change it announces. Writing the state
 * and this entry in one document update is what makes the change and its announcement atomic.
 *
 * @param data the CloudEvent data as JSON text, exactly the bytes that will be published
 */
public record OutboxEntry(String eventId, String topic, String key, Map<String, String> headers, String data) {

    /** Field holding the pending entries in an outbox-carrying document. */
    public static final String FIELD = "outbox";
    /** Flag set while {@link #FIELD} is not empty, so the relay finds work with an indexed equality query. */
    public static final String PENDING = "outboxPending";

    public static OutboxEntry of(EventEnvelope event, EventCodec codec) {
        return new OutboxEntry(event.id(), ca.microcred.contracts.events.EventType.of(event.data()).topic(), event.subject(), codec.binaryHeaders(event),
                new String(codec.encodeData(event.data()), StandardCharsets.UTF_8));
    }

    public Document toDocument() {
        return new Document("eventId", eventId).append("topic", topic).append("key", key)
                .append("headers", new Document(Map.copyOf(headers))).append("data", data);
    }

    @SuppressWarnings("unchecked")
    public static OutboxEntry fromDocument(Document document) {
        Document headers = document.get("headers", Document.class);
        Map<String, String> map = new java.util.LinkedHashMap<>();
        headers.forEach((k, v) -> map.put(k, String.valueOf(v)));
        return new OutboxEntry(document.getString("eventId"), document.getString("topic"),
                document.getString("key"), map, document.getString("data"));
    }
}
