package ca.microcred.issuer.cohort.service;

import ca.microcred.issuer.achievement.Achievement;
import ca.microcred.issuer.achievement.service.AchievementService;
import ca.microcred.issuer.cohort.Cohort;
import ca.microcred.issuer.cohort.CohortDetails;
import ca.microcred.issuer.cohort.CohortStatus;
import ca.microcred.issuer.cohort.repository.CohortRepository;
import ca.microcred.support.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Schedules runs of micro-credentials and closes them when their completion is accepted. */
@ApplicationScoped
public class CohortService {

    private final CohortRepository repository;
    private final AchievementService achievements;

    public CohortService(CohortRepository repository, AchievementService achievements) {
        this.repository = repository;
        this.achievements = achievements;
    }

    /**
     * Schedules a cohort of a published micro-credential: credentials earned in it cite the achievement's public
     * URL, which a draft does not have.
     */
    public Cohort create(String providerId, String achievementId, CohortDetails details) {
        Achievement achievement = achievements.get(providerId, achievementId);
        if (!achievement.isPublished()) {
            throw ProblemException.conflict("Achievement '" + achievementId
                    + "' is a draft; publish it before scheduling cohorts");
        }
        Cohort cohort = new Cohort(UUID.randomUUID().toString(), providerId, achievementId, details.startDate(),
                details.endDate(), details.province(), details.region(), details.deliveryMode(), details.language(),
                details.capacity(), CohortStatus.OPEN, Instant.now().truncatedTo(ChronoUnit.MILLIS), null, null);
        repository.insert(cohort);
        return cohort;
    }

    /** The cohort, when it belongs to this provider's achievement; otherwise reported as unknown. */
    public Cohort get(String providerId, String achievementId, String cohortId) {
        return repository.find(cohortId)
                .filter(c -> c.providerId().equals(providerId) && c.achievementId().equals(achievementId))
                .orElseThrow(() -> ProblemException.notFound("Cohort", cohortId));
    }

    public List<Cohort> list(String providerId, String achievementId, int offset, int limit) {
        achievements.get(providerId, achievementId);
        return repository.listByAchievement(achievementId, offset, limit);
    }

    /**
     * Any cohort by id, for the completion code (which checks the caller against {@link Cohort#providerId()}).
     *
     * @throws ProblemException 404 when it does not exist
     */
    public Cohort get(String cohortId) {
        return repository.find(cohortId).orElseThrow(() -> ProblemException.notFound("Cohort", cohortId));
    }

    /**
     * Closes an open cohort on behalf of the completion that was accepted for it. A single conditional update
     * decides: of concurrent completions for one cohort exactly one gets {@code true}; the others, and any later
     * one, get {@code false} (answer 409).
     *
     * @throws ProblemException 404 when the cohort does not exist
     */
    public boolean close(String cohortId, String completionId) {
        boolean closed = repository.closeIfOpen(cohortId, completionId, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        if (!closed) {
            get(cohortId);
            return false;
        }
        Log.infof("Cohort %s closed by completion %s", cohortId, completionId);
        return true;
    }

    /**
     * Undoes {@link #close} when the completion that closed the cohort could not be stored, so the provider can
     * report the cohort again. Does nothing when another completion closed it.
     */
    public void reopen(String cohortId, String completionId) {
        if (repository.reopen(cohortId, completionId)) {
            Log.infof("Cohort %s opened again: completion %s was not stored", cohortId, completionId);
        }
    }
}
