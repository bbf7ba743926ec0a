package ca.microcred.notification.matching.mapping;

import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.contracts.events.LocalizedText;

import java.time.Instant;
import java.util.List;

/**
 * The webhook body announcing a completed cohort: a CloudEvents 1.0 document in structured JSON mode. This is a
 * public contract with employers' systems, so it has its own records rather than reusing the internal event
 * payload: changes to the event never change what receivers get. Fields serialise in declaration order.
 *
 * @param id   the delivery id, also sent as {@code webhook-id}; the same on every retry
 * @param time when the cohort completion was recorded
 */
public record CohortCompletedNotification(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String datacontenttype,
        Data data) {

    public static final String TYPE = "ca.microcred.notification.cohort-completed.v1";
    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";

    /**
     * @param graduatesCount learners of the cohort who passed; {@code graduates} lists only those of them who
     *                       agreed to be contacted by employers, so it can be shorter
     */
    public record Data(
            String cohortId,
            String achievementId,
            LocalizedText achievementName,
            String providerId,
            String province,
            Instant completedAt,
            int graduatesCount,
            List<Graduate> graduates) {
    }

    public record Graduate(String name, String email, List<String> portfolioLinks, String credentialId,
                           String verifyUrl) {
    }

    public static CohortCompletedNotification of(String deliveryId, String source, Instant time, CohortCompleted cohort) {
        return new CohortCompletedNotification(SPEC_VERSION, deliveryId, source, TYPE, time, DATA_CONTENT_TYPE,
                dataOf(cohort));
    }

    public static Data dataOf(CohortCompleted cohort) {
        List<Graduate> graduates = cohort.graduates() == null ? List.of() : cohort.graduates().stream()
                .map(g -> new Graduate(g.name(), g.email(),
                        g.portfolioLinks() == null ? List.of() : List.copyOf(g.portfolioLinks()),
                        g.credentialId(), g.verifyUrl()))
                .toList();
        return new Data(cohort.cohortId(), cohort.achievementId(), cohort.achievementName(), cohort.providerId(),
                cohort.province(), cohort.completedAt(), cohort.passed(), graduates);
    }

    /** The same notification addressed as another delivery. */
    public CohortCompletedNotification withId(String deliveryId) {
        return new CohortCompletedNotification(specversion, deliveryId, source, type, time, datacontenttype, data);
    }
}
