package ca.microcred.systemtests.stress;

import ca.microcred.systemtests.ServiceProcess;
import ca.microcred.systemtests.SystemUnderTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 3, broker outage: the Kafka broker stops in the middle of a completion and comes back later. The
 * services stay up and report unhealthy, then healthy; a completion posted during the outage is accepted and
 * published afterwards; every effect of both completions happens exactly once.
 */
class BrokerOutageIT {

    @Test
    void aBrokerOutageDelaysButNeverLosesOrDoubles() throws Exception {
        SystemUnderTest system = StressSystem.get();
        List<ServiceProcess> services = List.of(system.issuer, system.registry, system.verification, system.notification);
        int learners = Stress.size(100, 10_000);
        Duration outage = Duration.ofSeconds(Stress.size(15, 60));
        CohortRun before = CohortRun.prepare(system, StressSystem.actors(), StressSystem.receiver(),
                "prov-stress-outage-before", learners);
        CohortRun during = CohortRun.prepare(system, StressSystem.actors(), StressSystem.receiver(),
                "prov-stress-outage-during", Stress.size(20, 1_000));
        List<String> failures = new ArrayList<>();

        before.post(StressSystem.actors());
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
        long stoppedAt = System.nanoTime();
        system.kafka.stop();
        await("every service reports unhealthy").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> services.stream().noneMatch(ServiceProcess::isReady));
        double toUnhealthy = (System.nanoTime() - stoppedAt) / 1e9;
        during.post(StressSystem.actors());
        await().pollDelay(outage).atMost(outage.plusSeconds(1)).until(() -> true);
        if (!services.stream().allMatch(ServiceProcess::isAlive)) {
            failures.add("a service exited during the outage");
        }
        system.kafka.restart();
        long restartedAt = System.nanoTime();
        await("every service reports healthy again").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> services.stream().allMatch(ServiceProcess::isReady));
        double toHealthy = (System.nanoTime() - restartedAt) / 1e9;

        List<String> beforeFailures = new ArrayList<>();
        String beforeFigures = before.awaitAndCheck(Duration.ofMinutes(Stress.size(3, 30)), beforeFailures);
        List<String> duringFailures = new ArrayList<>();
        String duringFigures = during.awaitAndCheck(Duration.ofMinutes(Stress.size(3, 30)), duringFailures);
        beforeFailures.forEach(f -> failures.add("completion before the outage: " + f));
        duringFailures.forEach(f -> failures.add("completion during the outage: " + f));
        Results.record(3, "Broker outage", "broker stopped " + outage.toSeconds() + " s in the middle of a "
                        + learners + "-learner completion; a second completion posted during the outage",
                String.format("all 4 services unhealthy %.1f s after the stop, healthy %.1f s after the restart, none "
                        + "exited; before: %s; during (accepted 202): %s", toUnhealthy, toHealthy, beforeFigures,
                        duringFigures), failures);
        assertThat(failures).isEmpty();
    }
}
