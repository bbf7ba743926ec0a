package ca.microcred.issuer.achievement.rest;

import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.SkillAlignment;
import ca.microcred.contracts.events.SkillFramework;
import ca.microcred.issuer.achievement.AchievementDefinition;
import ca.microcred.issuer.achievement.AssessmentType;
import ca.microcred.issuer.provider.Violations;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A micro-credential definition as a provider submits it. Enumerations and flags arrive loosely typed so that
 * every problem of the request is reported at once.
 */
@Schema(name = "AchievementRequest")
public record AchievementRequest(
        @Schema(required = true) LocalizedText name,
        @Schema(required = true) LocalizedText description,
        @Schema(required = true, description = "What a learner must do to earn it (English, French or both)")
        LocalizedText criteria,
        @Schema(required = true, description = "At least one learning outcome") List<LocalizedText> learningOutcomes,
        @Schema(required = true, description = "At least one skills alignment") List<Skill> skills,
        @Schema(required = true) Assessment assessment,
        @Schema(required = true) Boolean portfolioEvidenceRequired,
        @Schema(description = "The verifying / quality-assurance organisation") QualityAssuranceBody qualityAssuranceBody,
        @Schema(required = true, enumeration = {"ONLINE", "IN_PERSON", "HYBRID"}) String deliveryMode,
        @Schema(required = true) Boolean selfPaced,
        @Schema(required = true, description = "Expected learner effort in hours, more than 0 and at most 2000")
        Double workloadHours,
        @Schema(description = "Academic credits, when the micro-credential carries any") Double creditsAvailable,
        @Schema(required = true, examples = "Intermediate") String level,
        @Schema(required = true, description = "BCP 47 tags of the teaching languages, main one first")
        List<String> languages,
        List<String> prerequisites,
        @Schema(description = "NOC 2021 occupation codes (five digits)") List<String> occupations,
        String sector,
        @Schema(description = "Ids of achievements this one counts towards") List<String> stacksInto) {

    public record Skill(
            @Schema(enumeration = {"ESCO", "NOC", "ONET", "OTHER"}) String framework,
            String code, String name, String url) {
    }

    public record Assessment(
            @Schema(enumeration = {"PROJECT", "EXAM", "PORTFOLIO", "PRACTICAL", "OTHER"}) String type,
            Boolean competencyBased) {
    }

    public record QualityAssuranceBody(String name, String url) {
    }

    static final double MAX_WORKLOAD_HOURS = 2000;
    private static final Pattern NOC = Pattern.compile("^\\d{5}$");

    /**
     * Checks every element and records each problem in {@code v}; the result is only meaningful when
     * {@code v} stays empty.
     */
    AchievementDefinition toDefinition(Violations v) {
        v.requireBilingual("name", name, 300);
        v.requireBilingual("description", description, 5000);
        v.requireEitherLanguage("criteria", criteria, 5000);

        if (learningOutcomes == null || learningOutcomes.isEmpty()) {
            v.add("learningOutcomes", "at least one learning outcome is required");
        } else {
            for (int i = 0; i < learningOutcomes.size(); i++) {
                v.requireEitherLanguage("learningOutcomes[" + i + "]", learningOutcomes.get(i), 1000);
            }
        }

        List<SkillAlignment> alignments = new ArrayList<>();
        if (skills == null || skills.isEmpty()) {
            v.add("skills", "at least one skills alignment is required");
        } else {
            for (int i = 0; i < skills.size(); i++) {
                String at = "skills[" + i + "]";
                Skill skill = skills.get(i);
                if (skill == null) {
                    v.add(at, "is required");
                    continue;
                }
                SkillFramework framework = v.requireEnum(at + ".framework", skill.framework(), SkillFramework.class);
                v.requireText(at + ".code", skill.code(), 200);
                v.requireText(at + ".name", skill.name(), 300);
                v.requireUrl(at + ".url", skill.url(), true);
                alignments.add(new SkillAlignment(framework == null ? null : framework.name(), skill.code(),
                        skill.name(), skill.url()));
            }
        }

        AchievementDefinition.Assessment parsedAssessment = null;
        if (v.requirePresent("assessment", assessment)) {
            AssessmentType type = v.requireEnum("assessment.type", assessment.type(), AssessmentType.class);
            v.requirePresent("assessment.competencyBased", assessment.competencyBased());
            parsedAssessment = new AchievementDefinition.Assessment(type, Boolean.TRUE.equals(assessment.competencyBased()));
        }
        v.requirePresent("portfolioEvidenceRequired", portfolioEvidenceRequired);

        AchievementDefinition.QualityAssuranceBody body = null;
        if (qualityAssuranceBody != null) {
            v.requireText("qualityAssuranceBody.name", qualityAssuranceBody.name(), 300);
            v.requireUrl("qualityAssuranceBody.url", qualityAssuranceBody.url(), true);
            body = new AchievementDefinition.QualityAssuranceBody(qualityAssuranceBody.name(), qualityAssuranceBody.url());
        }

        DeliveryMode mode = v.requireEnum("deliveryMode", deliveryMode, DeliveryMode.class);
        v.requirePresent("selfPaced", selfPaced);
        if (v.requirePresent("workloadHours", workloadHours)
                && (!(workloadHours > 0) || workloadHours > MAX_WORKLOAD_HOURS)) {
            v.add("workloadHours", "must be more than 0 and at most 2000 hours");
        }
        if (creditsAvailable != null && (!(creditsAvailable > 0) || creditsAvailable > 1000)) {
            v.add("creditsAvailable", "must be more than 0 and at most 1000");
        }
        v.requireText("level", level, 100);

        if (languages == null || languages.isEmpty()) {
            v.add("languages", "at least one teaching language is required");
        } else {
            for (int i = 0; i < languages.size(); i++) {
                v.requireLanguageTag("languages[" + i + "]", languages.get(i));
            }
            requireUnique(v, "languages", languages);
        }
        List<String> prerequisiteList = listOf(prerequisites);
        for (int i = 0; i < prerequisiteList.size(); i++) {
            v.requireText("prerequisites[" + i + "]", prerequisiteList.get(i), 1000);
        }
        List<String> occupationList = listOf(occupations);
        for (int i = 0; i < occupationList.size(); i++) {
            String code = occupationList.get(i);
            if (code == null || !NOC.matcher(code).matches()) {
                v.add("occupations[" + i + "]", "must be a NOC 2021 code of five digits");
            }
        }
        requireUnique(v, "occupations", occupationList);
        v.optionalText("sector", sector, 200);
        List<String> stackList = listOf(stacksInto);
        for (int i = 0; i < stackList.size(); i++) {
            v.requireText("stacksInto[" + i + "]", stackList.get(i), 200);
        }
        requireUnique(v, "stacksInto", stackList);

        return new AchievementDefinition(name, description, criteria, listOf(learningOutcomes), alignments,
                parsedAssessment, Boolean.TRUE.equals(portfolioEvidenceRequired), body, mode,
                Boolean.TRUE.equals(selfPaced), workloadHours == null ? 0 : workloadHours, creditsAvailable,
                level == null ? null : level.strip(), listOf(languages), prerequisiteList, occupationList,
                sector == null || sector.isBlank() ? null : sector.strip(), stackList);
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static void requireUnique(Violations v, String field, List<String> values) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null && !seen.add(values.get(i))) {
                v.add(field + "[" + i + "]", "repeats '" + values.get(i) + "'");
            }
        }
    }
}
