package ca.microcred.issuer.achievement.rest;

import ca.microcred.issuer.achievement.Achievement;
import ca.microcred.issuer.achievement.AchievementDefinition;
import ca.microcred.issuer.achievement.FrameworkCheck;

import java.time.Instant;

/**
 * A micro-credential as its provider sees it: the definition, its state, the framework report and the public
 * URL where the Open Badges Achievement is served once published.
 */
public record AchievementView(
        String id,
        String providerId,
        String status,
        long revision,
        String publicUrl,
        AchievementDefinition definition,
        FrameworkReportView frameworkReport,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt) {

    static AchievementView of(Achievement a, String publicUrl) {
        return new AchievementView(a.id(), a.providerId(), a.status().name(), a.revision(), publicUrl, a.definition(),
                FrameworkReportView.of(FrameworkCheck.of(a.definition())), a.createdAt(), a.updatedAt(),
                a.publishedAt());
    }
}
