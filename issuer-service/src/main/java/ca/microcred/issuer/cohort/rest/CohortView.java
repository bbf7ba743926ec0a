package ca.microcred.issuer.cohort.rest;

import ca.microcred.issuer.cohort.Cohort;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A cohort as the API shows it.
 *
 * @param closedBy the completion whose acceptance closed the cohort, or null while it is open
 */
public record CohortView(String id, String providerId, String achievementId, LocalDate startDate, LocalDate endDate,
                         String province, String region, String deliveryMode, String language, int capacity,
                         String status, Instant createdAt, Instant closedAt, String closedBy) {

    static CohortView of(Cohort c) {
        return new CohortView(c.id(), c.providerId(), c.achievementId(), c.startDate(), c.endDate(),
                c.province().name(), c.region(), c.deliveryMode().name(), c.language(), c.capacity(),
                c.status().name(), c.createdAt(), c.closedAt(), c.closedBy());
    }
}
