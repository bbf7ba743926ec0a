package ca.microcred.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A provider published (or republished) a micro-credential definition in the catalogue.
 *
 * @param deliveryMode a {@link DeliveryMode} name: ONLINE, IN_PERSON or HYBRID
 * @param languages    BCP 47 tags of the languages it is taught in, e.g. {@code fr}, {@code en}
 */
public record AchievementPublished(
        String achievementId,
        String providerId,
        LocalizedText name,
        LocalizedText description,
        List<SkillAlignment> skills,
        List<String> occupations,
        String sector,
        String deliveryMode,
        boolean selfPaced,
        Double workloadHours,
        List<String> languages,
        String level,
        List<String> stacksInto,
        FrameworkReport frameworkReport,
        String url,
        Instant publishedAt) implements EventPayload {

    @Override
    public String subject() {
        return achievementId;
    }
}
