package ca.microcred.verification.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The itemised answer to "can this credential be trusted?". */
@Schema(name = "Verification")
public record Verification(
        @Schema(description = "The credential's id: the registry id when verified by reference, the document's own "
                + "id when submitted")
        String credentialId,
        @Schema(description = "True only when no check failed; a WARN informs without deciding", required = true)
        boolean verified,
        @Schema(description = "Every check that ran, each with its outcome and a reason for a person to read",
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

    /** What the credential claims, for an employer to read; fields the credential does not carry are left out. */
    @Schema(name = "VerificationSummary")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Summary(
            String achievementId,
            @Schema(description = "The achievement's name in English, when the credential gives it")
            String achievementName,
            @Schema(description = "The achievement's name in French, when the credential gives it")
            String achievementNameFr,
            String description,
            @Schema(description = "The registry's provider id, for credentials issued through this registry")
            String providerId,
            @Schema(description = "The issuer's name as the credential states it")
            String provider,
            String issuerId,
            Instant issuedAt,
            Instant validUntil,
            @Schema(description = "Skills the achievement is aligned to (ESCO, NOC, O*NET or other frameworks)")
            List<Skill> skills,
            @Schema(description = "Occupations the achievement leads to, as the credential lists them")
            JsonNode occupations,
            @Schema(description = "The national framework report: which of the five must-haves the achievement meets")
            JsonNode frameworkReport,
            @Schema(description = "Evidence of the learner's work: links and names")
            List<Evidence> evidence,
            @Schema(description = "The learner's results, as the credential states them")
            JsonNode results) {

        /** A summary of what the registry recorded at issuance, for credentials without a readable document. */
        public static Summary recorded(String achievementId, String providerId, Instant issuedAt) {
            return new Summary(achievementId, null, null, null, providerId, null, null, issuedAt, null, null, null,
                    null, null, null);
        }
    }

    @Schema(name = "SkillAlignment")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Skill(String name, String code, String framework, String url) {
    }

    @Schema(name = "EvidenceLink")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Evidence(String id, String name, String description) {
    }
}
