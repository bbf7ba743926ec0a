package ca.microcred.verification.trust;

import ca.microcred.contracts.events.ProviderAccreditationChanged;
import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrustedIssuerTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void anOlderDecisionArrivingLateDoesNotOverrideANewerOne() {
        TrustedIssuer entry = new TrustedIssuer();
        entry.applyDecision(decision(State.SUSPENDED, "Audit overdue", T0.plusSeconds(60)));
        entry.applyDecision(decision(State.ACCREDITED, "Meets the framework", T0));

        assertEquals(State.SUSPENDED, entry.state);
        assertEquals("Audit overdue", entry.reason);
        assertEquals(T0.plusSeconds(60), entry.decidedAt);
    }

    @Test
    void aNewerDecisionReplacesTheOlderOne() {
        TrustedIssuer entry = new TrustedIssuer();
        entry.applyDecision(decision(State.SUSPENDED, "Audit overdue", T0));
        entry.applyDecision(decision(State.ACCREDITED, "Audit passed", T0.plusSeconds(60)));

        assertEquals(State.ACCREDITED, entry.state);
        assertEquals("Audit passed", entry.reason);
        assertEquals("did:web:example.ca", entry.did);
    }

    private static ProviderAccreditationChanged decision(State state, String reason, Instant at) {
        return new ProviderAccreditationChanged("prov-1", "did:web:example.ca", null, state, reason, "operator-1", at);
    }
}
