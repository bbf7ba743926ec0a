package ca.microcred.systemtests.stress;

import ca.microcred.systemtests.SystemUnderTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 1, cohort at scale: one provider completes a large cohort; every credential reaches the registry, the
 * subscribed employer its webhook, and every credential verifies by reference.
 */
class CohortAtScaleIT {

    @Test
    void aLargeCohortFlowsThroughTheWholeSystem() throws Exception {
        SystemUnderTest system = StressSystem.get();
        int learners = Stress.size(200, 10_000);
        List<String> failures = new ArrayList<>();
        CohortRun run = CohortRun.start(system, StressSystem.actors(), StressSystem.receiver(), "prov-stress-scale",
                learners);
        String figures = run.awaitAndCheck(Duration.ofMinutes(Stress.size(3, 30)), failures);
        Results.record(1, "Cohort at scale", "one completion of " + learners + " learners", figures, failures);
        assertThat(failures).isEmpty();
    }
}
