package ca.microcred.verification.trust.messaging;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.EventRejectedException;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.ProviderAccreditationChanged;
import ca.microcred.support.messaging.InboundEvents;
import ca.microcred.verification.trust.service.TrustList;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** Feeds the national registry's accreditation decisions into the trust list. */
@ApplicationScoped
public class RegistryEventsConsumer {

    private final InboundEvents inbound;
    private final TrustList trustList;

    public RegistryEventsConsumer(InboundEvents inbound, TrustList trustList) {
        this.inbound = inbound;
        this.trustList = trustList;
    }

    @Incoming(Topics.REGISTRY)
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return inbound.process(message, this::handle);
    }

    void handle(EventEnvelope event) {
        switch (event.eventType()) {
            case PROVIDER_ACCREDITATION_CHANGED ->
                    trustList.accreditationChanged(event.id(), (ProviderAccreditationChanged) event.data());
            default -> throw new EventRejectedException(EventRejectedException.Reason.INVALID_ATTRIBUTE,
                    event.type() + " does not belong on " + Topics.REGISTRY);
        }
    }
}
