package ca.microcred.verification.credential;

import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.contracts.events.CredentialRevoked.Action;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class CredentialRecordTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void reinstatementAfterSuspensionMakesItActiveInEitherArrivalOrder() {
        CredentialRevoked suspended = change(Action.SUSPENDED, "Grade under appeal", T0);
        CredentialRevoked reinstated = change(Action.REINSTATED, "Appeal upheld", T0.plusSeconds(60));

        for (List<CredentialRevoked> order : List.of(List.of(suspended, reinstated), List.of(reinstated, suspended))) {
            CredentialRecord record = apply(order);
            assertEquals(CredentialStatus.ACTIVE, record.status, "order " + order);
            assertEquals("Appeal upheld", record.statusReason);
            assertEquals(T0.plusSeconds(60), record.statusChangedAt);
        }
    }

    @Test
    void revocationIsFinalWhateverFollowsIt() {
        CredentialRevoked revoked = change(Action.REVOKED, "Issued in error", T0);
        CredentialRevoked reinstated = change(Action.REINSTATED, "Reinstated by mistake", T0.plusSeconds(60));
        CredentialRevoked suspended = change(Action.SUSPENDED, "Audit", T0.plusSeconds(120));

        for (List<CredentialRevoked> order : permutations(List.of(revoked, reinstated, suspended))) {
            CredentialRecord record = apply(order);
            assertEquals(CredentialStatus.REVOKED, record.status, "order " + order);
            assertEquals("Issued in error", record.statusReason);
            assertEquals(T0, record.statusChangedAt);
        }
    }

    @Test
    void ofTwoDecisionsAtTheSameTimeTheLaterArrivalWins() {
        CredentialRecord record = apply(List.of(
                change(Action.SUSPENDED, "Audit", T0),
                change(Action.REINSTATED, "Audit closed", T0)));
        assertEquals(CredentialStatus.ACTIVE, record.status);
    }

    @Test
    void statusChangesAloneDoNotMakeACredentialIssued() {
        CredentialRecord record = apply(List.of(change(Action.REVOKED, null, T0)));
        assertFalse(record.issued);
        assertNull(record.statusReason);
        assertEquals("prov-1", record.providerId);
    }

    private static CredentialRecord apply(List<CredentialRevoked> changes) {
        CredentialRecord record = new CredentialRecord();
        changes.forEach(record::applyStatusChange);
        return record;
    }

    private static CredentialRevoked change(Action action, String reason, Instant at) {
        return new CredentialRevoked("cred-1", "prov-1", action, reason, at);
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<T>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> permutation = new ArrayList<>();
                permutation.add(head);
                permutation.addAll(tail);
                result.add(permutation);
            }
        }
        return result;
    }
}
