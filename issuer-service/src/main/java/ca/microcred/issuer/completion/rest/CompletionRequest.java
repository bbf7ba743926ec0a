package ca.microcred.issuer.completion.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A cohort's results as a provider reports them: who took part, who passed, who may be contacted. */
@Schema(name = "CompletionRequest", description = "The results of one cohort. Each passed learner is issued one "
        + "signed credential.")
public record CompletionRequest(
        @Schema(description = "Provider the completion belongs to; optional, as the cohort names it. A provider "
                + "token may only name its own id.", examples = "prov-college-boreal")
        @Pattern(regexp = ID, message = ID_MESSAGE)
        String providerId,

        @Schema(required = true, description = "The cohort (created with POST /providers/{providerId}/achievements/"
                + "{achievementId}/cohorts); it takes exactly one completion, which closes it. Its achievement, "
                + "province, delivery mode and language go into the credentials and CohortCompleted.",
                examples = "cohort-2026-fall-01")
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE)
        String cohortId,

        @Schema(description = "The micro-credential (Open Badges achievement) the cohort runs. Optional: it is "
                + "taken from the cohort; when given it must be the cohort's.", examples = "ach-data-analytics")
        @Pattern(regexp = ID, message = ID_MESSAGE)
        String achievementId,

        @Schema(required = true, description = "Every learner of the cohort with their result (1 to 10,000).")
        @NotNull @Size(min = 1, max = MAX_LEARNERS, message = "must list between 1 and 10000 learners")
        List<@NotNull(message = "must be a learner, not null") @Valid LearnerResult> learners,

        @Schema(description = "How the credentials are signed: a Data Integrity "
                + "proof (eddsa-rdfc-2022, the default) or a VC-JWT (vc-jwt).",
                enumeration = {"eddsa-rdfc-2022", "vc-jwt"})
        @Pattern(regexp = "eddsa-rdfc-2022|vc-jwt", message = "must be eddsa-rdfc-2022 or vc-jwt")
        String proofFormat) {

    public static final int MAX_LEARNERS = 10_000;
    public static final String ID = "\\S{1,200}";
    static final String ID_MESSAGE = "must be 1 to 200 characters without spaces";

    /** One learner's result. */
    @Schema(name = "LearnerResult")
    public record LearnerResult(
            @Schema(required = true, examples = "Amélie Tremblay")
            @NotBlank @Size(max = 200)
            String name,

            @Schema(required = true, description = "Identifies the learner in the credential (salted and hashed) "
                    + "and is shared with employers only with consent.", examples = "amelie.tremblay@example.ca")
            @NotBlank @Email @Size(max = 254)
            String email,

            @Schema(required = true)
            @NotNull
            Boolean passed,

            @Schema(required = true, description = "Whether employers may learn of this graduate.")
            @NotNull
            Boolean consentToEmployerContact,

            @Schema(description = "Public links to the learner's work (http or https), at most 20.")
            @Size(max = 20)
            List<@NotNull @Size(max = 2000) @Pattern(regexp = "https?://\\S+",
                    message = "must be an http or https URL") String> portfolioLinks,

            @Schema(description = "The learner's grade or mark as the provider records it; it appears in the "
                    + "credential's result.", examples = "A")
            @Size(max = 50)
            String grade) {
    }
}
