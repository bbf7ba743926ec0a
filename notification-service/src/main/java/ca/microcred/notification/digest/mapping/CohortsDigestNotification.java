package ca.microcred.notification.digest.mapping;

import ca.microcred.notification.matching.mapping.CohortCompletedNotification;

import java.time.Instant;
import java.util.List;

/**
 * The body of a daily digest: a CloudEvents 1.0 document in structured JSON mode listing every cohort a subscription
 * matched during one day, each described exactly as an immediate notification's {@code data}. A public contract
 * with employers' systems; fields serialise in declaration order.
 *
 * @param id   the delivery id {@code <subscriptionId>:digest-<day>}, also sent as {@code webhook-id}
 * @param time when the digest was made
 */
public record CohortsDigestNotification(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String datacontenttype,
        Data data) {

    public static final String TYPE = "ca.microcred.notification.cohorts-digest.v1";

    /**
     * @param day      the digest day, an ISO date in {@code timeZone}
     * @param timeZone the zone that delimits the day
     * @param cohorts  every cohort matched that day, in the order matched
     */
    public record Data(String day, String timeZone, List<CohortCompletedNotification.Data> cohorts) {
    }

    public static CohortsDigestNotification of(String deliveryId, String source, Instant time, Data data) {
        return new CohortsDigestNotification(CohortCompletedNotification.SPEC_VERSION, deliveryId, source, TYPE, time,
                CohortCompletedNotification.DATA_CONTENT_TYPE, data);
    }
}
