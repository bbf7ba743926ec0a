package ca.microcred.verification.verify.service;

import ca.microcred.verification.verify.CheckResult;
import ca.microcred.verification.verify.Verification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts every verification by outcome and first failing check, in
 * {@code microcred_verifications_total{outcome, failed_check}}. Nothing about the credential or the learner
 * becomes a tag.
 */
@ApplicationScoped
public class VerificationMetrics {

    static final String METRIC = "microcred.verifications";

    private final MeterRegistry metrics;
    /** Outcomes and check names are few and fixed; finding the counter again on every answer is not free. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public VerificationMetrics(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public void count(Verification verification) {
        count(verification.verified() ? "verified" : "failed",
                verification.firstFailure().map(CheckResult::check).orElse("none"));
    }

    public void count(String outcome, String failedCheck) {
        counters.computeIfAbsent(outcome + '/' + failedCheck,
                key -> metrics.counter(METRIC, "outcome", outcome, "failed_check", failedCheck)).increment();
    }
}
