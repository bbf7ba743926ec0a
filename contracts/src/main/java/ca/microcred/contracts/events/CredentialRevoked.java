package ca.microcred.contracts.events;

import java.time.Instant;

/** A credential's status changed: revoked, suspended, or reinstated after a suspension. */
public record CredentialRevoked(
        String credentialId,
        String providerId,
        Action action,
        String reason,
        Instant effectiveAt) implements EventPayload {

    @Override
    public String subject() {
        return credentialId;
    }

    public enum Action {
        REVOKED, SUSPENDED, REINSTATED
    }
}
