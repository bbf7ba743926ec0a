package ca.microcred.verification.verify;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One item of a verification answer. */
@Schema(name = "CheckResult", description = "One check of the credential and its outcome")
public record CheckResult(
        @Schema(description = "Name of the check", required = true,
                enumeration = {"issued", "proof", "issuer-key", "status", "validity", "issuer-accreditation",
                        "structure", "achievement", "recipient"})
        String check,
        @Schema(required = true)
        Outcome outcome,
        @Schema(description = "Why the check came out this way, for a person to read", required = true)
        String reason) {

    public static CheckResult pass(Check check, String reason) {
        return new CheckResult(check.id(), Outcome.PASS, reason);
    }

    public static CheckResult fail(Check check, String reason) {
        return new CheckResult(check.id(), Outcome.FAIL, reason);
    }

    public static CheckResult warn(Check check, String reason) {
        return new CheckResult(check.id(), Outcome.WARN, reason);
    }
}
