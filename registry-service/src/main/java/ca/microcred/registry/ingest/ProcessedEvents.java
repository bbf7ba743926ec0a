package ca.microcred.registry.ingest;

import ca.microcred.contracts.EventEnvelope;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

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

    /**
     * Runs the effect unless the event was processed before, then records the event.
     *
     * @return false when the event was a redelivery and nothing was done
     */
    public boolean once(EventEnvelope event, Effect effect) {
        if (findByIdOptional(event.id()).isPresent()) {
            metrics.counter("microcred.registry.events.redelivered", "type", event.type()).increment();
            Log.debugf("Ignored redelivered event %s (%s)", event.id(), event.type());
            return false;
        }
        effect.apply();
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventId = event.id();
        processed.type = event.type();
        processed.subject = event.subject();
        processed.source = event.source();
        processed.processedAt = Instant.now();
        try {
            persist(processed);
        } catch (MongoWriteException e) {
            // another delivery of the same event finished first; the effect was idempotent, so both agree
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        return true;
    }
}
