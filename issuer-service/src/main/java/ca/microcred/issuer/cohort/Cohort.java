package ca.microcred.issuer.cohort;

import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.Province;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One run of a micro-credential.
 *
 * @param region      a region within the province (e.g. "Nord-du-Québec"), or null
 * @param language    BCP 47 tag of the teaching language
 * @param closedBy    the completion that closed the cohort, or null while open
 */
public record Cohort(
        String id,
        String providerId,
        String achievementId,
        LocalDate startDate,
        LocalDate endDate,
        Province province,
        String region,
        DeliveryMode deliveryMode,
        String language,
        int capacity,
        CohortStatus status,
        Instant createdAt,
        Instant closedAt,
        String closedBy) {
}
