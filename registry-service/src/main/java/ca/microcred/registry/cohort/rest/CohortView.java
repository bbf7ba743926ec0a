package ca.microcred.registry.cohort.rest;

import ca.microcred.registry.cohort.CohortRecord;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A completed cohort's figures, as the national framework reports them per programme. */
@Schema(name = "Cohort")
public record CohortView(
        String cohortId,
        @Schema(description = "The micro-credential the cohort studied for") String achievementId,
        String providerId,
        @Schema(description = "Province or territory code where the cohort was taught") String province,
        @Schema(description = "ONLINE, IN_PERSON or HYBRID, when the provider said") String deliveryMode,
        @Schema(description = "BCP 47 tag of the teaching language, when the provider said") String language,
        Instant completedAt,
        int enrolled,
        int completed,
        int passed,
        @Schema(description = "completed / enrolled, to 4 decimal places; absent when nobody enrolled")
        Double completionRate,
        @Schema(description = "passed / completed, to 4 decimal places; absent when nobody completed")
        Double passRate) {

    public static CohortView of(CohortRecord record) {
        return new CohortView(record.id, record.achievementId, record.providerId, record.province,
                record.deliveryMode, record.language, record.completedAt, record.enrolled, record.completed,
                record.passed, record.completionRate, record.passRate);
    }
}
