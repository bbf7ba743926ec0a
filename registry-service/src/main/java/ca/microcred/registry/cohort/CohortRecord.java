package ca.microcred.registry.cohort;

import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.support.store.EventSourcedDocument;
import io.quarkus.mongodb.panache.common.MongoEntity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The registry's record of one completed cohort; {@code _id} is the cohort id. Only counts are kept: the graduates
 * a CohortCompleted event lists (names, emails) are for employers who follow the programme, not for the registry.
 *
 * <p>A provider may publish a corrected completion of the same cohort; the one completed last (by
 * {@code completedAt}) is the cohort's result, whichever order the events arrive in.
 */
@MongoEntity(collection = "cohorts")
public class CohortRecord extends EventSourcedDocument {

    /** The completion whose figures the record shows. */
    public String completionId;
    public String achievementId;
    public String providerId;
    public String province;
    public String deliveryMode;
    public String language;
    public Instant completedAt;
    public int enrolled;
    public int completed;
    public int passed;
    /** completed / enrolled, to 4 decimal places; null when nobody enrolled. */
    public Double completionRate;
    /** passed / completed, to 4 decimal places; null when nobody completed. */
    public Double passRate;
    public Instant recordedAt;

    public void applyCompletion(CohortCompleted event, Instant now) {
        if (completedAt != null && completedAt.isAfter(event.completedAt())) {
            return;
        }
        completionId = event.completionId();
        achievementId = event.achievementId();
        providerId = event.providerId();
        province = event.province();
        deliveryMode = event.deliveryMode();
        language = event.language();
        completedAt = event.completedAt();
        enrolled = event.enrolled();
        completed = event.completed();
        passed = event.passed();
        completionRate = rate(completed, enrolled);
        passRate = rate(passed, completed);
        recordedAt = now;
    }

    static Double rate(int part, int whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).doubleValue();
    }
}
