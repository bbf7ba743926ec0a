package ca.microcred.verification.credential.messaging;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.EventRejectedException;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.support.messaging.InboundEvents;
import ca.microcred.verification.credential.service.CredentialReadModel;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** Feeds credentials.events into the registry of issued credentials. */
@ApplicationScoped
public class CredentialsEventsConsumer {

    private final InboundEvents inbound;
    private final CredentialReadModel readModel;

    public CredentialsEventsConsumer(InboundEvents inbound, CredentialReadModel readModel) {
        this.inbound = inbound;
        this.readModel = readModel;
    }

    @Incoming(Topics.CREDENTIALS)
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return inbound.process(message, this::handle);
    }

    void handle(EventEnvelope event) {
        switch (event.eventType()) {
            case CREDENTIAL_ISSUED -> readModel.issued(event.id(), (CredentialIssued) event.data());
            case CREDENTIAL_REVOKED -> readModel.statusChanged(event.id(), (CredentialRevoked) event.data());
            default -> throw new EventRejectedException(EventRejectedException.Reason.INVALID_ATTRIBUTE,
                    event.type() + " does not belong on " + Topics.CREDENTIALS);
        }
    }
}
