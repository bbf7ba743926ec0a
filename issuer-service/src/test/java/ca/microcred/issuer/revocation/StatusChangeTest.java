package ca.microcred.issuer.revocation;

import ca.microcred.contracts.events.CredentialRevoked;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusChangeTest {

    @Test
    void revocationIsFinalAndReinstatementOnlyUndoesASuspension() {
        assertTrue(StatusChange.REVOKE.allowedFrom(CredentialState.ACTIVE));
        assertTrue(StatusChange.REVOKE.allowedFrom(CredentialState.SUSPENDED));
        assertFalse(StatusChange.REVOKE.allowedFrom(CredentialState.REVOKED));

        assertTrue(StatusChange.SUSPEND.allowedFrom(CredentialState.ACTIVE));
        assertFalse(StatusChange.SUSPEND.allowedFrom(CredentialState.SUSPENDED));
        assertFalse(StatusChange.SUSPEND.allowedFrom(CredentialState.REVOKED));

        assertTrue(StatusChange.REINSTATE.allowedFrom(CredentialState.SUSPENDED));
        assertFalse(StatusChange.REINSTATE.allowedFrom(CredentialState.ACTIVE));
        assertFalse(StatusChange.REINSTATE.allowedFrom(CredentialState.REVOKED));
    }

    @Test
    void eachChangeIsAnnouncedWithItsAction() {
        assertEquals(CredentialRevoked.Action.REVOKED, StatusChange.REVOKE.action());
        assertEquals(CredentialRevoked.Action.SUSPENDED, StatusChange.SUSPEND.action());
        assertEquals(CredentialRevoked.Action.REINSTATED, StatusChange.REINSTATE.action());
        assertEquals(CredentialState.ACTIVE, StatusChange.REINSTATE.to());
    }

    @Test
    void aCredentialStoredWithoutStatusIsActive() {
        assertEquals(CredentialState.ACTIVE, CredentialState.ofStored(null));
        assertEquals(CredentialState.SUSPENDED, CredentialState.ofStored("suspended"));
    }
}
