package ca.microcred.registry.cohort.messaging;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.EventRejectedException;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.registry.cohort.service.CohortRegistry;
import ca.microcred.registry.ingest.ProcessedEvents;
import ca.microcred.support.messaging.InboundEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** Feeds cohorts.events into the cohort records. */
@ApplicationScoped
public class CohortsEventsConsumer {

    private final InboundEvents inbound;
    private final ProcessedEvents processed;
    private final CohortRegistry registry;

    public CohortsEventsConsumer(InboundEvents inbound, ProcessedEvents processed, CohortRegistry registry) {
        this.inbound = inbound;
        this.processed = processed;
        this.registry = registry;
    }

    @Incoming(Topics.COHORTS)
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return inbound.process(message, this::handle);
    }

    void handle(EventEnvelope event) {
        switch (event.eventType()) {
            case COHORT_COMPLETED -> processed.once(event,
                    () -> registry.completed(event.id(), (CohortCompleted) event.data()));
            default -> throw new EventRejectedException(EventRejectedException.Reason.INVALID_ATTRIBUTE,
                    "Event " + event.id() + " (" + event.type() + ") does not belong on " + Topics.COHORTS);
        }
    }
}
