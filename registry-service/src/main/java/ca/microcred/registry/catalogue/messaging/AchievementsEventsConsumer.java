package ca.microcred.registry.catalogue.messaging;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.EventRejectedException;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.AchievementPublished;
import ca.microcred.registry.catalogue.service.CatalogueService;
import ca.microcred.support.messaging.InboundEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** Published micro-credential definitions become catalogue entries. */
@ApplicationScoped
public class AchievementsEventsConsumer {

    private final InboundEvents inbound;
    private final CatalogueService catalogue;

    public AchievementsEventsConsumer(InboundEvents inbound, CatalogueService catalogue) {
        this.inbound = inbound;
        this.catalogue = catalogue;
    }

    @Incoming(Topics.ACHIEVEMENTS)
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return inbound.process(message, this::handle);
    }

    void handle(EventEnvelope event) {
        switch (event.eventType()) {
            case ACHIEVEMENT_PUBLISHED -> catalogue.published(event.id(), (AchievementPublished) event.data());
            default -> throw new EventRejectedException(EventRejectedException.Reason.INVALID_ATTRIBUTE,
                    event.type() + " does not belong on " + Topics.ACHIEVEMENTS);
        }
    }
}
