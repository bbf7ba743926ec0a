package ca.microcred.contracts;

/**
 * Kafka topics, one per aggregate. Channel names in every service equal the topic names, so these
 * constants are used both in {@code @Incoming}/{@code @Channel} annotations and by tests.
 */
public final class Topics {

    public static final String PROVIDERS = "providers.events";
    public static final String ACHIEVEMENTS = "achievements.events";
    public static final String COHORTS = "cohorts.events";
    public static final String CREDENTIALS = "credentials.events";
    public static final String REGISTRY = "registry.events";

    /** Suffix of the dead-letter topic that receives events a consumer could not process. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
