package ca.microcred.issuer.achievement;

import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.SkillAlignment;

import java.util.List;

/**
 * A micro-credential with the national framework's elements, as the provider defined it (already validated).
 *
 * @param criteria             what a learner must do to earn it
 * @param qualityAssuranceBody the organisation that verifies the micro-credential, or null
 * @param creditsAvailable     academic credits it carries, or null
 * @param languages            BCP 47 tags of the teaching languages, the first being the main one
 * @param occupations          NOC 2021 codes (five digits) it prepares for
 * @param stacksInto           ids of achievements this one counts towards
 */
public record AchievementDefinition(
        LocalizedText name,
        LocalizedText description,
        LocalizedText criteria,
        List<LocalizedText> learningOutcomes,
        List<SkillAlignment> skills,
        Assessment assessment,
        boolean portfolioEvidenceRequired,
        QualityAssuranceBody qualityAssuranceBody,
        DeliveryMode deliveryMode,
        boolean selfPaced,
        double workloadHours,
        Double creditsAvailable,
        String level,
        List<String> languages,
        List<String> prerequisites,
        List<String> occupations,
        String sector,
        List<String> stacksInto) {

    /** @param competencyBased whether the assessment checks mastery of competencies rather than seat time */
    public record Assessment(AssessmentType type, boolean competencyBased) {
    }

    /** The verifying / quality-assurance organisation. */
    public record QualityAssuranceBody(String name, String url) {
    }
}
