package ca.microcred.issuer.revocation.messaging;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.issuer.completion.messaging.CompletionEvents;
import ca.microcred.support.outbox.OutboxEntry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** CredentialRevoked (credentials.events, key = credential id) as an outbox entry for the credential's document. */
@ApplicationScoped
public class RevocationEvents {

    private final EventCodec codec;

    public RevocationEvents(EventCodec codec) {
        this.codec = codec;
    }

    public OutboxEntry credentialRevoked(String credentialId, String providerId, CredentialRevoked.Action action,
                                         String reason, Instant effectiveAt) {
        CredentialRevoked changed = new CredentialRevoked(credentialId, providerId, action, reason, effectiveAt);
        return OutboxEntry.of(EventEnvelope.of(CompletionEvents.SOURCE, changed).withTime(effectiveAt), codec);
    }
}
