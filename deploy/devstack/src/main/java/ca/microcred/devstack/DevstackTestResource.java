package ca.microcred.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the JVM's shared embedded Kafka broker and in-memory Mongo
 * ({@link SharedDevstack}), started on first use and reused by every test class and test profile in the JVM.
 *
 * <pre>{@code @QuarkusTestResource(DevstackTestResource.class)}</pre>
 *
 * Tests that produce, consume or query directly use {@link #kafkaBootstrapServers()} and
 * {@link #mongoConnectionString()}. Data outlives a test class: tests use their own ids (or clean up).
 */
public class DevstackTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String MONGODB_CONNECTION_STRING = "quarkus.mongodb.connection-string";

    @Override
    public Map<String, String> start() {
        return Map.of(
                KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers(),
                MONGODB_CONNECTION_STRING, mongoConnectionString());
    }

    /** The shared servers outlive any one application; a JVM shutdown hook closes them. */
    @Override
    public void stop() {
        // nothing to release per application
    }

    /** {@code localhost:<port>} of the shared broker. */
    public static String kafkaBootstrapServers() {
        return SharedDevstack.endpoints().get(SharedDevstack.KAFKA);
    }

    /** {@code mongodb://localhost:<port>} of the shared in-memory Mongo. */
    public static String mongoConnectionString() {
        return SharedDevstack.endpoints().get(SharedDevstack.MONGO);
    }
}
