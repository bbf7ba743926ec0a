package ca.microcred.registry.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import org.bson.Document;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One link of the audit chain. {@code hash} covers every other field, {@code prevHash} included, so changing any
 * entry (or removing one) breaks the link to the next.
 *
 * @param actor     who caused the change: the id of the event that carried it, or the operator's token subject
 * @param stateHash SHA-256 of the canonical JSON of the record's new state
 */
public record AuditEntry(long seq, Instant time, String actor, String entityType, String entityId,
                         String providerId, String stateHash, String prevHash, String hash) {

    /** The {@code prevHash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    static AuditEntry link(long seq, Instant time, String actor, String entityType, String entityId,
                           String providerId, String stateHash, String prevHash) {
        return new AuditEntry(seq, time, actor, entityType, entityId, providerId, stateHash, prevHash,
                hashOf(seq, time, actor, entityType, entityId, providerId, stateHash, prevHash));
    }

    /** The hash this entry should carry given its other fields. */
    public String expectedHash() {
        return hashOf(seq, time, actor, entityType, entityId, providerId, stateHash, prevHash);
    }

    private static String hashOf(long seq, Instant time, String actor, String entityType, String entityId,
                                 String providerId, String stateHash, String prevHash) {
        return CanonicalJson.sha256(canonical(seq, time, actor, entityType, entityId, providerId, stateHash, prevHash));
    }

    /**
     * The canonical JSON of the fields the hash covers, written field by field in sorted key order: the same bytes
     * {@link CanonicalJson#of} gives for a map of them, without building and sorting a tree for every entry (a
     * verification of the whole chain does this once per entry).
     */
    static String canonical(long seq, Instant time, String actor, String entityType, String entityId,
                            String providerId, String stateHash, String prevHash) {
        StringWriter out = new StringWriter(320);
        try (JsonGenerator json = CanonicalJson.generator(out)) {
            json.writeStartObject();
            json.writeStringField("actor", actor);
            json.writeStringField("entityId", entityId);
            json.writeStringField("entityType", entityType);
            json.writeStringField("prevHash", prevHash);
            json.writeStringField("providerId", providerId);
            json.writeNumberField("seq", seq);
            json.writeStringField("stateHash", stateHash);
            json.writeStringField("time", time == null ? null : time.toString());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to a string cannot fail", e);
        }
        return out.toString();
    }

    Document toDocument() {
        return new Document("_id", seq)
                .append("time", java.util.Date.from(time))
                .append("actor", actor)
                .append("entityType", entityType)
                .append("entityId", entityId)
                .append("providerId", providerId)
                .append("stateHash", stateHash)
                .append("prevHash", prevHash)
                .append("hash", hash);
    }

    static AuditEntry fromDocument(Document d) {
        Object id = d.get("_id");
        long seq = id instanceof Number n ? n.longValue() : -1;
        java.util.Date time = d.get("time") instanceof java.util.Date date ? date : null;
        return new AuditEntry(seq, time == null ? null : time.toInstant(), text(d, "actor"), text(d, "entityType"),
                text(d, "entityId"), text(d, "providerId"), text(d, "stateHash"), text(d, "prevHash"),
                text(d, "hash"));
    }

    private static String text(Document d, String field) {
        Object value = d.get(field);
        return value == null ? null : value.toString();
    }
}
