package ca.microcred.registry.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Bulk-loads a valid chain continuing the current one, for benchmarks that need many entries quickly. */
public final class AuditFixtures {

    private AuditFixtures() {
    }

    /** Appends {@code count} linked entries after the head with bulk inserts, then moves the head; no concurrent writers. */
    public static void extendChain(MongoCollection<Document> entries, MongoCollection<Document> head, long count) {
        Document current = head.find().first();
        long seq = ((Number) current.get("seq")).longValue();
        String hash = current.getString("lastHash");
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Document> batch = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            seq++;
            AuditEntry entry = AuditEntry.link(seq, time, "bench-event-" + seq, "credential", "bench-cred-" + seq,
                    "bench-prov-" + (seq % 100), CanonicalJson.sha256("state-" + seq), hash);
            hash = entry.hash();
            batch.add(entry.toDocument());
            if (batch.size() == 5000) {
                entries.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            entries.insertMany(batch);
        }
        head.updateOne(Filters.eq("_id", current.get("_id")), Updates.combine(Updates.set("seq", seq),
                Updates.set("lastHash", hash)));
    }
}
