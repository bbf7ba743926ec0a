package ca.microcred.systemtests.stress;

import ca.microcred.systemtests.ServiceProcess;
import ca.microcred.systemtests.SystemUnderTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 2, crash each service: while a cohort completion is in flight, one service at a time is killed with
 * SIGKILL at a random moment and started again; afterwards every effect happened exactly once.
 */
class CrashRecoveryIT {

    @Test
    void killingAnyServiceMidFlightLosesAndDoublesNothing() throws Exception {
        SystemUnderTest system = StressSystem.get();
        int learners = Stress.size(100, 10_000);
        SplittableRandom random = new SplittableRandom();
        List<String> failures = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        for (ServiceProcess victim : List.of(system.issuer, system.registry, system.verification, system.notification)) {
            CohortRun run = CohortRun.prepare(system, StressSystem.actors(), StressSystem.receiver(),
                    "prov-stress-crash-" + victim.name().replace("-service", ""), learners)
                    .post(StressSystem.actors());
            long delayMs = random.nextLong(Stress.size(1_500, 20_000));
            await().pollDelay(Duration.ofMillis(delayMs)).atMost(Duration.ofMillis(delayMs + 1_000)).until(() -> true);
            victim.kill();
            if (victim == system.issuer) {
                system.startIssuer();
            } else {
                victim.start();
            }
            List<String> runFailures = new ArrayList<>();
            String outcome = run.awaitAndCheck(Duration.ofMinutes(Stress.size(3, 30)), runFailures);
            figures.add(victim.name() + " killed after " + delayMs + " ms: " + outcome + ";");
            runFailures.forEach(f -> failures.add(victim.name() + ": " + f));
        }
        Results.record(2, "Crash each service", "kill -9 of each service in turn at a random moment of a "
                + learners + "-learner completion, then restart", String.join(" ", figures), failures);
        assertThat(failures).isEmpty();
    }
}
