package ca.microcred.registry.credential;

import ca.microcred.contracts.events.CredentialRevoked;

import java.time.Instant;

/** One status decision of the issuer as the registry received it. */
public class StatusChange {

    /** The status the decision leads to: a reinstatement leads back to ACTIVE. */
    public CredentialStatus status;
    public CredentialRevoked.Action action;
    public String reason;
    public Instant effectiveAt;
    /** The CredentialRevoked event that carried the decision. */
    public String eventId;
    public Instant recordedAt;

    public StatusChange() {
    }

    StatusChange(CredentialRevoked event, String eventId, Instant recordedAt) {
        this.status = statusAfter(event.action());
        this.action = event.action();
        this.reason = event.reason();
        this.effectiveAt = event.effectiveAt();
        this.eventId = eventId;
        this.recordedAt = recordedAt;
    }

    private static CredentialStatus statusAfter(CredentialRevoked.Action action) {
        return switch (action) {
            case REVOKED -> CredentialStatus.REVOKED;
            case SUSPENDED -> CredentialStatus.SUSPENDED;
            case REINSTATED -> CredentialStatus.ACTIVE;
        };
    }
}
