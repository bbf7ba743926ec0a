package ca.microcred.notification.matching.messaging;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.notification.matching.service.CohortMatcher;
import ca.microcred.support.messaging.InboundEvents;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** Transport side of cohorts.events: decoding, acknowledgement and dead letters live in {@link InboundEvents}. */
@ApplicationScoped
public class CohortsEventsConsumer {

    private final InboundEvents inbound;
    private final CohortMatcher matcher;

    public CohortsEventsConsumer(InboundEvents inbound, CohortMatcher matcher) {
        this.inbound = inbound;
        this.matcher = matcher;
    }

    @Incoming(Topics.COHORTS)
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return inbound.process(message, this::handle);
    }

    void handle(EventEnvelope event) {
        switch (event.eventType()) {
            case COHORT_COMPLETED -> matcher.onCohortCompleted(event, (CohortCompleted) event.data());
            default -> Log.debugf("Ignoring %s on %s", event.type(), Topics.COHORTS);
        }
    }
}
