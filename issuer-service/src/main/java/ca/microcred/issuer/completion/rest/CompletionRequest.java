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
        + "credential, signed when the provider is registered in this service.")
public record CompletionRequest(
        @Schema(description = "Provider the completion belongs to. Operators must name it; a provider token may "
                + "leave it out (its provider_id claim is used) or repeat its own id.", examples = "prov-college-boreal")
        @Pattern(regexp = ID, message = ID_MESSAGE)
        String providerId,

        @Schema(required = true, description = "The cohort; it takes exactly one completion.", examples = "cohort-2026-fall-01")
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE)
        String cohortId,

        @Schema(required = true, description = "The micro-credential (Open Badges achievement) the cohort earned.",
                examples = "ach-data-analytics")
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE)
        String achievementId,

        @Schema(required = true, description = "Name of the micro-credential in English, French or both.")
        @NotNull @Valid
        AchievementName achievementName,

        @Schema(required = true, description = "Province or territory where the cohort was taught.",
                enumeration = {"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"})
        @NotNull @Pattern(regexp = "AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT",
                message = "must be a province or territory code: AB, BC, MB, NB, NL, NS, NT, NU, ON, PE, QC, SK or YT")
        String province,

        @Schema(required = true, enumeration = {"ONLINE", "IN_PERSON", "HYBRID"})
        @NotNull @Pattern(regexp = "ONLINE|IN_PERSON|HYBRID", message = "must be ONLINE, IN_PERSON or HYBRID")
        String deliveryMode,

        @Schema(required = true, description = "Language of the cohort, used for the credential's texts.",
                enumeration = {"en", "fr"})
        @NotNull @Pattern(regexp = "en|fr", message = "must be en or fr")
        String language,

        @Schema(required = true, description = "Every learner of the cohort with their result (1 to 10,000).")
        @NotNull @Size(min = 1, max = MAX_LEARNERS, message = "must list between 1 and 10000 learners")
        List<@NotNull(message = "must be a learner, not null") @Valid LearnerResult> learners,

        @Schema(description = "How the credentials are signed when the provider is registered: a Data Integrity "
                + "proof (eddsa-rdfc-2022, the default) or a VC-JWT (vc-jwt).",
                enumeration = {"eddsa-rdfc-2022", "vc-jwt"})
        @Pattern(regexp = "eddsa-rdfc-2022|vc-jwt", message = "must be eddsa-rdfc-2022 or vc-jwt")
        String proofFormat) {

    public static final int MAX_LEARNERS = 10_000;
    static final String ID = "\\S{1,200}";
    static final String ID_MESSAGE = "must be 1 to 200 characters without spaces";

    /** The micro-credential's name; at least one language is required (checked with the whole request). */
    @Schema(name = "AchievementName")
    public record AchievementName(
            @Size(max = 500) String en,
            @Size(max = 500) String fr) {
    }

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
                    message = "must be an http or https URL") String> portfolioLinks) {
    }
}
