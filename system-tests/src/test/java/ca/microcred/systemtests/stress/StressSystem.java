package ca.microcred.systemtests.stress;

import ca.microcred.systemtests.Actors;
import ca.microcred.systemtests.SystemUnderTest;
import ca.microcred.systemtests.WebhookReceiver;

import java.util.List;
import java.util.Map;

/**
 * One running system shared by the stress scenarios of a test run (starting four services costs most of a minute);
 * each scenario works with its own provider and employers, and a scenario that kills a service restarts it.
 */
final class StressSystem {

    private static SystemUnderTest system;
    private static Actors actors;
    private static WebhookReceiver receiver;

    /** Attempts after the first: a delivery is final after 1 + 3 attempts, about 7 s plus timeouts. */
    static final String RETRY_SCHEDULE = "PT1S,PT2S,PT4S";
    static final int ATTEMPTS = 4;

    private StressSystem() {
    }

    static synchronized SystemUnderTest get() throws Exception {
        if (system == null) {
            receiver = new WebhookReceiver();
            // a short retry schedule, so that failing receivers reach their final state within a scenario
            system = SystemUnderTest.start(Map.of(), List.of(
                    "-Dmicrocred.notification.webhook-timeout=2s",
                    "-Dmicrocred.notification.retry-schedule=" + RETRY_SCHEDULE));
            actors = new Actors(system);
            SystemUnderTest started = system;
            WebhookReceiver startedReceiver = receiver;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                startedReceiver.close();
            }, "stress-system-stop"));
        }
        return system;
    }

    /** The employers' webhook endpoints (one path per subscription). */
    static synchronized WebhookReceiver receiver() throws Exception {
        get();
        return receiver;
    }

    static synchronized Actors actors() throws Exception {
        get();
        return actors;
    }
}
