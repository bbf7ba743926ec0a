package ca.microcred.verification.verify.service;

import ca.microcred.verification.verify.CheckResult;
import ca.microcred.verification.verify.Verification;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts every verification by outcome and first failing check, in
 * {@code microcred_verifications_total{outcome, failed_check}}. Nothing about the credential or the learner
 * becomes a tag.
 */
@ApplicationScoped
public class VerificationMetrics {

    static final String METRIC = "microcred.verifications";

    private final MeterRegistry metrics;

    public VerificationMetrics(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public void count(Verification verification) {
        count(verification.verified() ? "verified" : "failed",
                verification.firstFailure().map(CheckResult::check).orElse("none"));
    }

    public void count(String outcome, String failedCheck) {
        metrics.counter(METRIC, "outcome", outcome, "failed_check", failedCheck).increment();
    }
}
