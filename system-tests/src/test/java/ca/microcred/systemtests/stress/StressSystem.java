package ca.microcred.systemtests.stress;

import ca.microcred.systemtests.Actors;
import ca.microcred.systemtests.SystemUnderTest;

import java.util.Map;

/**
 * One running system shared by the stress scenarios of a test run (starting four services costs most of a minute);
 * each scenario works with its own provider and employers, and a scenario that kills a service restarts it.
 */
final class StressSystem {

    private static SystemUnderTest system;
    private static Actors actors;

    private StressSystem() {
    }

    static synchronized SystemUnderTest get() throws Exception {
        if (system == null) {
            system = SystemUnderTest.start(Map.of());
            actors = new Actors(system);
            Runtime.getRuntime().addShutdownHook(new Thread(system::close, "stress-system-stop"));
        }
        return system;
    }

    static synchronized Actors actors() throws Exception {
        get();
        return actors;
    }
}
