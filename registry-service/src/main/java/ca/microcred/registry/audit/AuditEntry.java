package ca.microcred.registry.audit;

import org.bson.Document;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", seq);
        fields.put("time", time == null ? null : time.toString());
        fields.put("actor", actor);
        fields.put("entityType", entityType);
        fields.put("entityId", entityId);
        fields.put("providerId", providerId);
        fields.put("stateHash", stateHash);
        fields.put("prevHash", prevHash);
        return CanonicalJson.sha256(CanonicalJson.of(fields));
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
