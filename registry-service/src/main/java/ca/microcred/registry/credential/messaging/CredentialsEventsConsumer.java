package ca.microcred.registry.credential.messaging;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.EventRejectedException;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.registry.credential.service.CredentialRegistry;
import ca.microcred.registry.ingest.ProcessedEvents;
import ca.microcred.support.messaging.InboundEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** Feeds credentials.events into the credential records. */
@ApplicationScoped
public class CredentialsEventsConsumer {

    private final InboundEvents inbound;
    private final ProcessedEvents processed;
    private final CredentialRegistry registry;

    public CredentialsEventsConsumer(InboundEvents inbound, ProcessedEvents processed, CredentialRegistry registry) {
        this.inbound = inbound;
        this.processed = processed;
        this.registry = registry;
    }

    @Incoming(Topics.CREDENTIALS)
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return inbound.process(message, this::handle);
    }

    void handle(EventEnvelope event) {
        switch (event.eventType()) {
            case CREDENTIAL_ISSUED -> processed.once(event,
                    () -> registry.issued(event.id(), (CredentialIssued) event.data()));
            case CREDENTIAL_REVOKED -> processed.once(event,
                    () -> registry.statusChanged(event.id(), (CredentialRevoked) event.data()));
            default -> throw new EventRejectedException(EventRejectedException.Reason.INVALID_ATTRIBUTE,
                    "Event " + event.id() + " (" + event.type() + ") does not belong on " + Topics.CREDENTIALS);
        }
    }
}
