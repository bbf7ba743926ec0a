package ca.microcred.issuer.achievement;

import java.time.Instant;

/**
 * A micro-credential (an Open Badges Achievement) owned by one provider.
 *
 * @param revision          increases with every change of the definition
 * @param publishedRevision the revision last announced with AchievementPublished, or 0
 */
public record Achievement(
        String id,
        String providerId,
        AchievementStatus status,
        AchievementDefinition definition,
        long revision,
        long publishedRevision,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt) {

    public boolean isPublished() {
        return status == AchievementStatus.PUBLISHED;
    }
}
