package ca.microcred.notification.subscription.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * What an employer sends to subscribe. Criteria: a cohort matches when it meets every criterion given, and a
 * criterion is met when the cohort has any of its values; at least one criterion is required. Checked in the
 * service, so that one answer lists every problem.
 */
@Schema(name = "CreateSubscription")
public record CreateSubscriptionRequest(
        @Schema(description = "Micro-credentials (achievement ids)", examples = "[\"ach-data-analytics\"]")
        List<String> achievementIds,
        @Schema(description = "Skills the micro-credential aligns to (from the catalogue's alignments)")
        List<SkillCriterion> skills,
        @Schema(description = "NOC 2021 occupation codes the micro-credential prepares for", examples = "[\"21211\"]")
        List<String> occupations,
        @Schema(description = "Providers (institutions) that teach it", examples = "[\"prov-college-boreal\"]")
        List<String> providerIds,
        @Schema(description = "Province or territory codes where the cohort was taught", examples = "[\"ON\", \"QC\"]")
        List<String> provinces,
        @Schema(description = "ONLINE, IN_PERSON or HYBRID", examples = "[\"ONLINE\"]")
        List<String> deliveryModes,
        @Schema(description = "Teaching languages (BCP 47; the primary subtag is compared)", examples = "[\"fr\"]")
        List<String> languages,
        @Schema(description = "webhook (default) or email", examples = "webhook")
        String channel,
        @Schema(description = "webhook channel: where notifications are posted, an https URL whose host resolves to "
                + "public addresses only", examples = "https://hr.example.ca/hooks/microcred")
        String webhookUrl,
        @Schema(description = "email channel: the recipient; defaults to the employer profile's contact email",
                examples = "talent@northwind.example.ca")
        String email,
        @Schema(description = "immediate (default): one notification per matched cohort; daily-digest: one message a "
                + "day listing every cohort matched that day, sent at the configured time", examples = "immediate")
        String mode) {
}
