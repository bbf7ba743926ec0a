package ca.microcred.registry.audit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The registry's tamper-evident audit trail: a SHA-256 hash chain of entries numbered 1, 2, 3... without gaps.
 *
 * <p>Appending uses only single-document atomic writes, so it stays ordered and gap-free with any number of
 * concurrent writers in any number of service instances. The {@code audit_head} document holds the last linked
 * sequence number and hash. A writer reads the head, inserts entry {@code seq + 1} (its {@code _id} is the sequence
 * number, so a second writer racing for the same number gets a duplicate-key error) linked to the head's hash, and
 * then moves the head forward (only ever forward: the update matches a head below the new number). Because the entry is written
 * before the head moves, no number is ever reserved without its entry existing: a writer that stops between the
 * two steps leaves a complete entry behind, and the next writer, finding that number taken, moves the head past it
 * on its behalf and tries again. The head is therefore always at an existing entry, at most one batch behind the
 * last.
 *
 * <p>{@link #appendAll} links a whole batch of entries to the head in memory and writes them with one ordered
 * {@code insertMany}: the first number is claimed like a single append (taken means start over), and because the
 * insert is ordered and each entry links to the one before it, a batch cut short by a racing writer leaves a valid
 * prefix; the rest is linked again after the new head. Thousands of entries then cost three round trips instead
 * of three each.
 */
@ApplicationScoped
public class AuditTrail {

    public static final String ENTRIES = "audit_entries";
    public static final String HEAD = "audit_head";

    private static final String HEAD_ID = "head";
    private static final int MAX_ATTEMPTS = 10_000;

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> head;
    private final Counter appended;
    private final Counter contended;

    public AuditTrail(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                      MeterRegistry metrics) {
        this.entries = mongo.getDatabase(database).getCollection(ENTRIES);
        this.head = mongo.getDatabase(database).getCollection(HEAD);
        this.appended = metrics.counter("microcred.audit.appended");
        this.contended = metrics.counter("microcred.audit.append.retries");
    }

    void createIndexes(@Observes StartupEvent start) {
        entries.createIndex(Indexes.ascending("entityId", "_id"));
        entries.createIndex(Indexes.ascending("providerId", "_id"));
        entries.createIndex(Indexes.ascending("time"));
        entries.createIndex(Indexes.ascending("actor", "entityId"));
        ensureHead();
    }

    /**
     * Appends one entry recording the new state of a registry record.
     *
     * @param actor      the id of the event that caused the change, or the operator's token subject
     * @param entityType kind of record, e.g. {@code provider}, {@code credential}
     * @param providerId the provider the record belongs to, when there is one
     * @param newState   the record's state after the change; hashed as canonical JSON, not stored
     */
    public AuditEntry append(String actor, String entityType, String entityId, String providerId, Object newState) {
        String stateHash = CanonicalJson.sha256Of(newState);
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Document current = head.find(Filters.eq("_id", HEAD_ID)).first();
            if (current == null) {
                ensureHead();
                continue;
            }
            long seq = ((Number) current.get("seq")).longValue();
            String lastHash = current.getString("lastHash");
            AuditEntry entry = AuditEntry.link(seq + 1, time, actor, entityType, entityId, providerId, stateHash,
                    lastHash);
            if (inserted(entry)) {
                advanceHead(seq + 1, entry.hash());
                appended.increment();
                return entry;
            }
            // the number is taken: its writer may not have moved the head yet, or never will; move it for them
            Document taken = entries.find(Filters.eq("_id", seq + 1)).first();
            if (taken != null) {
                advanceHead(seq + 1, taken.getString("hash"));
            }
            contended.increment();
            if (attempt > 3) {
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, 200_000L * Math.min(attempt, 20)));
            }
        }
        throw new IllegalStateException("Could not append to the audit trail after " + MAX_ATTEMPTS + " attempts");
    }

    /** One entry to append: see {@link #append}. */
    public record Pending(String actor, String entityType, String entityId, String providerId, Object newState) {
    }

    /**
     * Appends the entries in the given order, consecutively numbered unless a concurrent writer's entries come in
     * between; all or (on an exception) a prefix of them are in the chain when it returns.
     */
    public List<AuditEntry> appendAll(List<Pending> pending) {
        List<String> stateHashes = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            stateHashes.add(CanonicalJson.sha256Of(p.newState()));
        }
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<AuditEntry> written = new ArrayList<>(pending.size());
        int next = 0;
        for (int attempt = 1; next < pending.size(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new IllegalStateException("Could not append to the audit trail after " + MAX_ATTEMPTS
                        + " attempts");
            }
            Document current = head.find(Filters.eq("_id", HEAD_ID)).first();
            if (current == null) {
                ensureHead();
                continue;
            }
            long seq = ((Number) current.get("seq")).longValue();
            String lastHash = current.getString("lastHash");
            List<AuditEntry> batch = new ArrayList<>(pending.size() - next);
            List<Document> documents = new ArrayList<>(pending.size() - next);
            for (int i = next; i < pending.size(); i++) {
                Pending p = pending.get(i);
                AuditEntry entry = AuditEntry.link(seq + 1 + batch.size(), time, p.actor(), p.entityType(),
                        p.entityId(), p.providerId(), stateHashes.get(i), lastHash);
                lastHash = entry.hash();
                batch.add(entry);
                documents.add(entry.toDocument());
            }
            int inserted = insertedPrefix(documents);
            if (inserted > 0) {
                AuditEntry last = batch.get(inserted - 1);
                advanceHead(last.seq(), last.hash());
                written.addAll(batch.subList(0, inserted));
                appended.increment(inserted);
                next += inserted;
                continue;
            }
            Document taken = entries.find(Filters.eq("_id", seq + 1)).first();
            if (taken != null) {
                advanceHead(seq + 1, taken.getString("hash"));
            }
            contended.increment();
            if (attempt > 3) {
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, 200_000L * Math.min(attempt, 20)));
            }
        }
        return written;
    }

    /** How many of the documents, in order, were inserted before one met a number already taken. */
    private int insertedPrefix(List<Document> documents) {
        try {
            entries.insertMany(documents, new InsertManyOptions().ordered(true));
            return documents.size();
        } catch (MongoBulkWriteException e) {
            for (var error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            return e.getWriteErrors().stream().mapToInt(error -> error.getIndex()).min().orElse(0);
        }
    }

    /** True when an entry by this actor about this record exists, e.g. one a redelivered event already caused. */
    public boolean recorded(String actor, String entityId) {
        return entries.find(Filters.and(Filters.eq("actor", actor), Filters.eq("entityId", entityId)))
                .projection(new Document("_id", 1)).first() != null;
    }

    public AuditPage find(AuditQuery query, int page, int size) {
        Bson filter = query.filter();
        long total = entries.countDocuments(filter);
        List<AuditEntry> items = new ArrayList<>();
        entries.find(filter).sort(Sorts.ascending("_id")).skip(page * size).limit(size)
                .forEach(d -> items.add(AuditEntry.fromDocument(d)));
        return new AuditPage(total, page, size, items);
    }

    /** Hands every matching entry to the sink in sequence order, without holding them all in memory. */
    public void stream(AuditQuery query, Consumer<AuditEntry> sink) {
        try (MongoCursor<Document> cursor = entries.find(query.filter()).sort(Sorts.ascending("_id"))
                .batchSize(1000).iterator()) {
            while (cursor.hasNext()) {
                sink.accept(AuditEntry.fromDocument(cursor.next()));
            }
        }
    }

    /**
     * Walks the whole chain: numbers must run 1, 2, 3... without gaps, each entry must link to the previous
     * entry's hash, and each hash must match the entry's own fields.
     */
    public ChainVerification verify() {
        long expected = 1;
        String previousHash = AuditEntry.GENESIS;
        try (MongoCursor<Document> cursor = entries.find().sort(Sorts.ascending("_id")).batchSize(5000).iterator()) {
            while (cursor.hasNext()) {
                AuditEntry entry = AuditEntry.fromDocument(cursor.next());
                if (entry.seq() != expected) {
                    return ChainVerification.broken(expected, entry.seq() > expected
                            ? "entry " + expected + " is missing; the next entry is " + entry.seq()
                            : "entry " + expected + " has an unexpected sequence number");
                }
                if (!previousHash.equals(entry.prevHash())) {
                    return ChainVerification.broken(expected, "prevHash does not match the hash of entry "
                            + (expected - 1));
                }
                if (!entry.expectedHash().equals(entry.hash())) {
                    return ChainVerification.broken(expected, "hash does not match the entry's contents");
                }
                previousHash = entry.hash();
                expected++;
            }
        }
        long count = expected - 1;
        Document current = head.find(Filters.eq("_id", HEAD_ID)).first();
        long headSeq = current == null ? 0 : ((Number) current.get("seq")).longValue();
        if (headSeq > count) {
            return ChainVerification.broken(count + 1, "entry " + (count + 1) + " is missing; the head is at "
                    + headSeq);
        }
        return ChainVerification.intact(count);
    }

    private boolean inserted(AuditEntry entry) {
        try {
            entries.insertOne(entry.toDocument());
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Moves the head forward to an entry that exists; never back, so helpers and batch writers may race. */
    private void advanceHead(long to, String hash) {
        head.updateOne(Filters.and(Filters.eq("_id", HEAD_ID), Filters.lt("seq", to)),
                Updates.combine(Updates.set("seq", to), Updates.set("lastHash", hash),
                        Updates.set("updatedAt", new Date())));
    }

    private void ensureHead() {
        try {
            head.updateOne(Filters.eq("_id", HEAD_ID),
                    Updates.combine(Updates.setOnInsert("seq", 0L), Updates.setOnInsert("lastHash", AuditEntry.GENESIS)),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
