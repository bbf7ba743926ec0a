package ca.microcred.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the embedded servers' INFO chatter (a broker logs hundreds of lines while starting) down to warnings.
 * Works through java.util.logging, which is where both slf4j bindings this module meets end up: JBoss LogManager
 * in Quarkus tests, slf4j-jdk14 in the launcher. A level somebody already configured for a category is kept.
 */
final class QuietLogs {

    private static final List<String> CATEGORIES = List.of(
            "kafka", "org.apache.kafka", "state.change.logger", "de.bwaldvogel");

    // java.util.logging holds loggers weakly; a collected logger would forget its level
    private static final List<Logger> HELD = new ArrayList<>();

    private QuietLogs() {
    }

    static synchronized void apply() {
        if (!HELD.isEmpty()) {
            return;
        }
        for (String category : CATEGORIES) {
            Logger logger = Logger.getLogger(category);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
            HELD.add(logger);
        }
    }
}
