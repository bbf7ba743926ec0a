package ca.microcred.contracts.events;

import java.time.Instant;

/** A registry operator decided on a provider's accreditation. */
public record ProviderAccreditationChanged(
        String providerId,
        String providerDid,
        State previousState,
        State state,
        String reason,
        String decidedBy,
        Instant decidedAt) implements EventPayload {

    @Override
    public String subject() {
        return providerId;
    }

    public enum State {
        PENDING, ACCREDITED, SUSPENDED, WITHDRAWN
    }
}
