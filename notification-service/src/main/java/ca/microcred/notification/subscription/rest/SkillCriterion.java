package ca.microcred.notification.subscription.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A skill of a recognised taxonomy, as subscriptions name it. */
@Schema(name = "SkillCriterion")
public record SkillCriterion(
        @Schema(description = "ESCO, NOC, ONET or OTHER", examples = "ESCO") String framework,
        @Schema(description = "The skill's code in that framework", examples = "S5.6.1") String code) {

    /** The stored form {@code FRAMEWORK:code} back as a criterion. */
    public static SkillCriterion parse(String stored) {
        int colon = stored.indexOf(':');
        return colon < 0 ? new SkillCriterion(null, stored)
                : new SkillCriterion(stored.substring(0, colon), stored.substring(colon + 1));
    }
}
