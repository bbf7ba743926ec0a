package ca.microcred.verification.verify.service;

import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.verification.credential.CredentialRecord;
import ca.microcred.verification.credential.CredentialStatus;
import ca.microcred.verification.trust.TrustedIssuer;
import ca.microcred.verification.verify.CheckResult;
import ca.microcred.verification.verify.Outcome;
import ca.microcred.verification.verify.Verification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChecksTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Duration SKEW = Duration.ofMinutes(1);

    @Test
    void validityForgivesClockSkewAtBothEndsButNoMore() {
        assertEquals(Outcome.PASS, Checks.validity(window(NOW.plusSeconds(59), null), NOW, SKEW).outcome());
        CheckResult early = Checks.validity(window(NOW.plusSeconds(61), null), NOW, SKEW);
        assertEquals(Outcome.FAIL, early.outcome());
        assertEquals("Not valid before " + NOW.plusSeconds(61), early.reason());

        Instant from = NOW.minus(Duration.ofDays(30));
        assertEquals(Outcome.PASS, Checks.validity(window(from, NOW.minusSeconds(59)), NOW, SKEW).outcome());
        CheckResult expired = Checks.validity(window(from, NOW.minusSeconds(61)), NOW, SKEW);
        assertEquals(Outcome.FAIL, expired.outcome());
        assertEquals("Expired on " + NOW.minusSeconds(61), expired.reason());
    }

    @Test
    void validityWithoutExpirySaysSo() {
        CheckResult result = Checks.validity(window(NOW.minus(Duration.ofDays(1)), null), NOW, SKEW);
        assertEquals(Outcome.PASS, result.outcome());
        assertTrue(result.reason().endsWith("with no expiry date"), result.reason());
    }

    @Test
    void statusNamesRevocationAndSuspensionWithReason() {
        CredentialRecord record = window(NOW, null);
        record.status = CredentialStatus.SUSPENDED;
        record.statusReason = "Grade under appeal";
        record.statusChangedAt = NOW;
        assertEquals(new CheckResult("status", Outcome.FAIL, "Suspended on " + NOW + ": Grade under appeal"),
                Checks.status(record));
        record.status = CredentialStatus.REVOKED;
        record.statusReason = null;
        assertEquals(new CheckResult("status", Outcome.FAIL, "Revoked on " + NOW), Checks.status(record));
    }

    @Test
    void accreditationOutcomesFollowTheTrustList() {
        assertEquals(Outcome.WARN, Checks.issuerAccreditation("p", Optional.empty()).outcome());
        assertEquals(Outcome.WARN, Checks.issuerAccreditation("p", Optional.of(entry(State.PENDING))).outcome());
        assertEquals(Outcome.PASS, Checks.issuerAccreditation("p", Optional.of(entry(State.ACCREDITED))).outcome());
        assertEquals(Outcome.FAIL, Checks.issuerAccreditation("p", Optional.of(entry(State.SUSPENDED))).outcome());
        CheckResult withdrawn = Checks.issuerAccreditation("p", Optional.of(entry(State.WITHDRAWN)));
        assertEquals(Outcome.FAIL, withdrawn.outcome());
        assertEquals("Provider p's accreditation was withdrawn by the national registry: decided", withdrawn.reason());
    }

    @Test
    void anyFailureMakesTheAnswerNegativeAndWarningsDoNot() {
        CheckResult proof = Checks.proofNotChecked();
        assertEquals(Outcome.WARN, proof.outcome());
        assertEquals("Issued unsigned: the registry's copy carries no proof to check", proof.reason());

        Verification.Summary summary = Verification.Summary.recorded("a", "p", NOW);
        CheckResult pass = new CheckResult("status", Outcome.PASS, "ok");
        assertTrue(Verification.of("c", List.of(pass, proof), summary).verified());
        Verification failed = Verification.of("c", List.of(pass,
                new CheckResult("issuer-accreditation", Outcome.FAIL, "suspended"), proof), summary);
        assertFalse(failed.verified());
        assertEquals("issuer-accreditation", failed.firstFailure().orElseThrow().check());
    }

    private static CredentialRecord window(Instant from, Instant until) {
        CredentialRecord record = new CredentialRecord();
        record.issued = true;
        record.issuedAt = from;
        record.validFrom = from;
        record.validUntil = until;
        return record;
    }

    private static TrustedIssuer entry(State state) {
        TrustedIssuer entry = new TrustedIssuer();
        entry.state = state;
        entry.reason = "decided";
        return entry;
    }
}
