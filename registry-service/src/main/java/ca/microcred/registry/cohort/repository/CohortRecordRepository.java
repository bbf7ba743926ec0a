package ca.microcred.registry.cohort.repository;

import ca.microcred.registry.cohort.CohortRecord;
import ca.microcred.support.store.EventSourcedWrites;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Consumer;

@ApplicationScoped
public class CohortRecordRepository implements PanacheMongoRepositoryBase<CohortRecord, String> {

    /** @return false when the record already reflected the event (a redelivery) */
    public boolean applyOnce(String cohortId, String eventId, Consumer<CohortRecord> change) {
        return EventSourcedWrites.applyOnce(mongoCollection(), cohortId, eventId, CohortRecord::new, change);
    }
}
