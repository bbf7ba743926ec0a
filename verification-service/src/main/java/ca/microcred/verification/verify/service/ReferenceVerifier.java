package ca.microcred.verification.verify.service;

import ca.microcred.verification.config.VerificationConfig;
import ca.microcred.verification.credential.CredentialRecord;
import ca.microcred.verification.credential.service.CredentialReadModel;
import ca.microcred.verification.trust.service.TrustList;
import ca.microcred.verification.verify.Check;
import ca.microcred.verification.verify.CheckResult;
import ca.microcred.verification.verify.Verification;
import ca.microcred.support.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a credential by its id against what the registry knows: the issuance, the issuer's latest status
 * decision, the validity window and the provider's accreditation. Every answer is counted by outcome and first
 * failing check; nothing about the learner is read, logged or counted.
 */
@ApplicationScoped
public class ReferenceVerifier {

    static final String METRIC = "microcred.verifications";

    private final CredentialReadModel credentials;
    private final TrustList trustList;
    private final VerificationConfig config;
    private final MeterRegistry metrics;

    public ReferenceVerifier(CredentialReadModel credentials, TrustList trustList, VerificationConfig config,
                             MeterRegistry metrics) {
        this.credentials = credentials;
        this.trustList = trustList;
        this.config = config;
        this.metrics = metrics;
    }

    /** @throws ProblemException 404 when no credential with this id was issued through the registry */
    public Verification verify(String credentialId) {
        Optional<CredentialRecord> found = credentials.findIssued(credentialId);
        if (found.isEmpty()) {
            count("unknown", Check.ISSUED.id());
            throw new ProblemException(404, "Not Found",
                    "No credential with id '" + credentialId + "' was issued through this registry");
        }
        CredentialRecord record = found.get();
        List<CheckResult> checks = List.of(
                Checks.issued(record),
                Checks.status(record),
                Checks.validity(record, Instant.now(), config.clockSkew()),
                Checks.issuerAccreditation(record.providerId, trustList.find(record.providerId)),
                Checks.proofNotChecked());
        Verification verification = Verification.of(credentialId, checks,
                new Verification.Summary(record.achievementId, record.providerId, record.issuedAt));
        count(verification.verified() ? "verified" : "failed",
                verification.firstFailure().map(CheckResult::check).orElse("none"));
        return verification;
    }

    private void count(String outcome, String failedCheck) {
        metrics.counter(METRIC, "outcome", outcome, "failed_check", failedCheck).increment();
    }
}
