package ca.microcred.registry.provider.messaging;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.EventRejectedException;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.ProviderRegistered;
import ca.microcred.registry.provider.service.ProviderService;
import ca.microcred.support.messaging.InboundEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** Providers joining the system become registry records awaiting accreditation. */
@ApplicationScoped
public class ProvidersEventsConsumer {

    private final InboundEvents inbound;
    private final ProviderService providers;

    public ProvidersEventsConsumer(InboundEvents inbound, ProviderService providers) {
        this.inbound = inbound;
        this.providers = providers;
    }

    @Incoming(Topics.PROVIDERS)
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return inbound.process(message, this::handle);
    }

    void handle(EventEnvelope event) {
        switch (event.eventType()) {
            case PROVIDER_REGISTERED -> providers.registered(event.id(), (ProviderRegistered) event.data());
            default -> throw new EventRejectedException(EventRejectedException.Reason.INVALID_ATTRIBUTE,
                    event.type() + " does not belong on " + Topics.PROVIDERS);
        }
    }
}
