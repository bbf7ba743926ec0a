package ca.microcred.issuer.cohort;

import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.Province;

import java.time.LocalDate;

/** What a provider says about a cohort when scheduling it; validated. */
public record CohortDetails(LocalDate startDate, LocalDate endDate, Province province, String region,
                            DeliveryMode deliveryMode, String language, int capacity) {
}
