package ca.microcred.registry.cohort.service;

import ca.microcred.contracts.EventRejectedException;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.registry.audit.AuditTrail;
import ca.microcred.registry.cohort.CohortRecord;
import ca.microcred.registry.cohort.repository.CohortRecordRepository;
import ca.microcred.support.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Completed cohorts and their completion and pass figures. */
@ApplicationScoped
public class CohortRegistry {

    private final CohortRecordRepository records;
    private final AuditTrail audit;

    public CohortRegistry(CohortRecordRepository records, AuditTrail audit) {
        this.records = records;
        this.audit = audit;
    }

    /**
     * @throws EventRejectedException when the counts contradict each other; such a completion would publish
     *                                rates above 100 %, so it goes to the dead-letter topic instead
     */
    public void completed(String eventId, CohortCompleted event) {
        if (event.completed() > event.enrolled() || event.passed() > event.completed()) {
            throw new EventRejectedException(EventRejectedException.Reason.SCHEMA_VIOLATION,
                    "Event " + eventId + " reports enrolled " + event.enrolled() + ", completed " + event.completed()
                            + ", passed " + event.passed() + "; expected passed <= completed <= enrolled");
        }
        boolean applied = records.applyOnce(event.cohortId(), eventId,
                record -> record.applyCompletion(event, Instant.now()));
        // a redelivery after a stop between the record write and the audit append still completes the trail
        if (applied || !audit.recorded(eventId, event.cohortId())) {
            audit.append(eventId, "cohort", event.cohortId(), event.providerId(), records.findById(event.cohortId()));
        }
        if (applied) {
            Log.debugf("Recorded completion event %s of cohort %s", eventId, event.cohortId());
        } else {
            Log.debugf("Cohort %s already reflects event %s", event.cohortId(), eventId);
        }
    }

    /** @throws ProblemException 404 unless a completion of the cohort is recorded */
    public CohortRecord get(String cohortId) {
        return records.findByIdOptional(cohortId).orElseThrow(() -> ProblemException.notFound("Cohort", cohortId));
    }
}
