package ca.microcred.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A cohort's results were published. Counts cover everyone; {@code graduates} lists only the learners
 * who passed AND consented to employer contact.
 *
 * @param province     a {@link Province} code: where the cohort was taught
 * @param deliveryMode a {@link DeliveryMode} name, when known
 * @param language     BCP 47 tag of the teaching language, e.g. {@code fr-CA}
 */
public record CohortCompleted(
        String cohortId,
        String completionId,
        String achievementId,
        String providerId,
        LocalizedText achievementName,
        String province,
        String deliveryMode,
        String language,
        Instant completedAt,
        int enrolled,
        int completed,
        int passed,
        List<Graduate> graduates) implements EventPayload {

    @Override
    public String subject() {
        return cohortId;
    }

    /** A graduate who agreed to be contacted by employers. */
    public record Graduate(String name, String email, List<String> portfolioLinks, String credentialId,
                           String verifyUrl) {
    }
}
