package ca.microcred.notification.matching.repository;

import ca.microcred.notification.matching.WaitingCohort;
import com.mongodb.client.model.Indexes;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

@ApplicationScoped
public class WaitingCohortRepository implements PanacheMongoRepositoryBase<WaitingCohort, String> {

    void createIndexes(@Observes StartupEvent start) {
        mongoCollection().createIndex(Indexes.ascending(WaitingCohort.ACHIEVEMENT_ID));
    }

    /** Keeps the cohort until its micro-credential is known; parking it again changes nothing. */
    public void park(WaitingCohort cohort) {
        persistOrUpdate(cohort);
    }

    public List<WaitingCohort> forAchievement(String achievementId) {
        return list(WaitingCohort.ACHIEVEMENT_ID, achievementId);
    }

    public void release(String cohortId) {
        deleteById(cohortId);
    }
}
