package ca.microcred.verification.verify;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The itemised answer to "can this credential be trusted?". */
@Schema(name = "Verification")
public record Verification(
        @Schema(required = true)
        String credentialId,
        @Schema(description = "True only when no check failed. Proofs are not checked yet, so true means: issued "
                + "through this registry, not revoked or suspended, and inside its validity window.", required = true)
        boolean verified,
        @Schema(description = "Every check, in a fixed order: issued, status, validity, issuer-accreditation, proof",
                required = true)
        List<CheckResult> checks,
        @Schema(required = true)
        Summary summary) {

    public Verification {
        checks = List.copyOf(checks);
    }

    public static Verification of(String credentialId, List<CheckResult> checks, Summary summary) {
        boolean verified = checks.stream().noneMatch(c -> c.outcome() == Outcome.FAIL);
        return new Verification(credentialId, verified, checks, summary);
    }

    /** The first failing check, the one an employer needs to hear about first. */
    public Optional<CheckResult> firstFailure() {
        return checks.stream().filter(c -> c.outcome() == Outcome.FAIL).findFirst();
    }

    /** What the credential claims, as recorded at issuance. */
    @Schema(name = "VerificationSummary")
    public record Summary(String achievementId, String providerId, Instant issuedAt) {
    }
}
