package ca.microcred.systemtests.stress;

/**
 * Scenario sizes. {@code ./mvnw verify} runs every scenario small (seconds); the {@code stress} profile sets
 * {@code -Dmicrocred.stress=true} and runs the sizes the registry promises to hold.
 */
final class Stress {

    private Stress() {
    }

    static boolean full() {
        return Boolean.getBoolean("microcred.stress");
    }

    /** {@code small} in the normal build, {@code full} under the stress profile. */
    static int size(int small, int full) {
        return full() ? full : small;
    }

    static String sizeName() {
        return full() ? "full" : "short";
    }
}
