package ca.microcred.issuer.revocation;

import ca.microcred.contracts.events.CredentialRevoked;

import java.util.Set;

/**
 * The three status changes and the states each may start from. Revocation is final: nothing leaves REVOKED.
 */
public enum StatusChange {
    REVOKE(Set.of(CredentialState.ACTIVE, CredentialState.SUSPENDED), CredentialState.REVOKED,
            CredentialRevoked.Action.REVOKED),
    SUSPEND(Set.of(CredentialState.ACTIVE), CredentialState.SUSPENDED, CredentialRevoked.Action.SUSPENDED),
    REINSTATE(Set.of(CredentialState.SUSPENDED), CredentialState.ACTIVE, CredentialRevoked.Action.REINSTATED);

    private final Set<CredentialState> from;
    private final CredentialState to;
    private final CredentialRevoked.Action action;

    StatusChange(Set<CredentialState> from, CredentialState to, CredentialRevoked.Action action) {
        this.from = from;
        this.to = to;
        this.action = action;
    }

    public boolean allowedFrom(CredentialState state) {
        return from.contains(state);
    }

    public Set<CredentialState> from() {
        return from;
    }

    public CredentialState to() {
        return to;
    }

    /** How CredentialRevoked names this change. */
    public CredentialRevoked.Action action() {
        return action;
    }

    /** Why the change is refused from {@code state}, for a 409 answer. */
    public String refusal(String credentialId, CredentialState state) {
        if (state == CredentialState.REVOKED) {
            return "Credential '" + credentialId + "' is revoked; revocation is final";
        }
        return switch (this) {
            case SUSPEND -> "Credential '" + credentialId + "' is already suspended";
            case REINSTATE -> "Credential '" + credentialId + "' is not suspended; only a suspended credential can be "
                    + "reinstated";
            default -> "Credential '" + credentialId + "' cannot be revoked from status " + state.value();
        };
    }
}
