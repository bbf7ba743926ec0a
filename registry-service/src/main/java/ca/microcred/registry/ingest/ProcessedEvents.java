package ca.microcred.registry.ingest;

import ca.microcred.contracts.EventEnvelope;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code processed_events} ledger: an event whose id is in it is acknowledged without touching any record.
 * The ledger entry is written after the effect, so a crash in between redelivers the event; the effects are
 * themselves idempotent (each record lists the events it reflects), which makes that redelivery harmless too.
 */
@ApplicationScoped
public class ProcessedEvents implements PanacheMongoRepositoryBase<ProcessedEvent, String> {

    private final MeterRegistry metrics;

    public ProcessedEvents(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /** An idempotent effect of one event. */
    @FunctionalInterface
    public interface Effect {
        void apply();
    }

    /** The ids among these that were processed before. */
    public Set<String> seen(Collection<String> eventIds) {
        Set<String> seen = new HashSet<>();
        mongoCollection().find(Filters.in("_id", eventIds)).projection(Projections.include("_id"))
                .forEach(p -> seen.add(p.eventId));
        return seen;
    }

    /** Counts a redelivered event that was found in the ledger. */
    public void redelivered(EventEnvelope event) {
        metrics.counter("microcred.registry.events.redelivered", "type", event.type()).increment();
    }

    /** Records the events as processed, in one write; ids already there are left as they are. */
    public void recordAll(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return;
        }
        List<ProcessedEvent> ledger = new ArrayList<>(events.size());
        events.forEach(event -> ledger.add(entry(event)));
        try {
            mongoCollection().insertMany(ledger, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (var error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    private static ProcessedEvent entry(EventEnvelope event) {
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventId = event.id();
        processed.type = event.type();
        processed.subject = event.subject();
        processed.source = event.source();
        processed.processedAt = Instant.now();
        return processed;
    }

    /**
     * Runs the effect unless the event was processed before, then records the event.
     *
     * @return false when the event was a redelivery and nothing was done
     */
    public boolean once(EventEnvelope event, Effect effect) {
        if (findByIdOptional(event.id()).isPresent()) {
            redelivered(event);
            Log.debugf("Ignored redelivered event %s (%s)", event.id(), event.type());
            return false;
        }
        effect.apply();
        try {
            persist(entry(event));
        } catch (MongoWriteException e) {
            // another delivery of the same event finished first; the effect was idempotent, so both agree
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        return true;
    }
}
