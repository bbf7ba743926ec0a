package ca.microcred.systemtests;

import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.EmbeddedKafka;
import ca.microcred.devstack.EmbeddedMongo;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as users run it: a real Kafka broker and a Mongo wire-protocol store, and the four packaged
 * services as separate JVM processes configured like production (prod profile, environment variables).
 */
public final class SystemUnderTest implements AutoCloseable {

    public final EmbeddedKafka kafka;
    public final EmbeddedMongo mongo;
    public final ServiceProcess issuer;
    public final ServiceProcess registry;
    public final ServiceProcess verification;
    public final ServiceProcess notification;

    private SystemUnderTest(EmbeddedKafka kafka, EmbeddedMongo mongo, Map<String, String> environment,
                            List<String> notificationProperties) {
        this.kafka = kafka;
        this.mongo = mongo;
        issuer = new ServiceProcess("issuer-service", environment, List.of("-Dmicrocred.outbox.poll-interval=1s"));
        registry = new ServiceProcess("registry-service", environment, List.of());
        verification = new ServiceProcess("verification-service", environment, List.of());
        List<String> notificationSettings = new ArrayList<>(List.of("-Dmicrocred.notification.allow-loopback-webhooks=true"));
        notificationSettings.addAll(notificationProperties);
        notification = new ServiceProcess("notification-service", environment, notificationSettings);
    }

    /**
     * Starts broker, store and the four services.
     *
     * @param extraEnvironment added to every service's environment (e.g. the SMTP server notification uses)
     */
    public static SystemUnderTest start(Map<String, String> extraEnvironment) throws Exception {
        return start(extraEnvironment, List.of());
    }

    /** @param notificationProperties system properties for notification-service, e.g. a short retry schedule */
    public static SystemUnderTest start(Map<String, String> extraEnvironment, List<String> notificationProperties)
            throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(0, null);
        EmbeddedMongo mongo = EmbeddedMongo.memory(0);
        Map<String, String> environment = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "MONGODB_URI", mongo.connectionString(),
                "JWT_ISSUER", DevTokens.ISSUER,
                "MICROCRED_ISSUER_MASTER_KEY", randomMasterKey(),
                "JWT_PUBLIC_KEY_LOCATION", ServiceProcess.root()
                        .resolve("deploy/devstack/src/main/resources/microcred-dev/jwt-public.pem").toString()));
        environment.putAll(extraEnvironment);
        SystemUnderTest system = new SystemUnderTest(kafka, mongo, environment, notificationProperties);
        // verification fetches DID documents and status lists from the issuer's public origin, and nothing else
        environment.put("VERIFICATION_ALLOWED_ORIGINS", system.issuer.baseUrl());
        try {
            system.startIssuer();
            system.registry.start();
            system.verification.start();
            system.notification.start();
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
        return system;
    }

    /** (Re)starts the issuer; its credentials link to this system's verification service. */
    public void startIssuer(String... extraProperties) {
        List<String> properties = new ArrayList<>(List.of(
                "-Dmicrocred.issuer.public-base-url=" + issuer.baseUrl(),
                "-Dmicrocred.issuer.verification-base-url=" + verification.baseUrl()));
        properties.addAll(List.of(extraProperties));
        issuer.start(properties.toArray(String[]::new));
    }

    private static String randomMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public void close() {
        for (ServiceProcess service : new ServiceProcess[]{issuer, registry, verification, notification}) {
            service.close();
        }
        mongo.close();
        kafka.close();
    }
}
