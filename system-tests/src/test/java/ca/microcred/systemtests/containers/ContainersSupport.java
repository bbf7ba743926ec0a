package ca.microcred.systemtests.containers;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.EventPayload;
import ca.microcred.contracts.events.EventType;
import ca.microcred.devstack.DevTokens;
import ca.microcred.systemtests.ServiceProcess;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the {@code *ContainersIT} share: a packaged service started as its own process against the real broker and
 * replica set of {@link RealInfrastructure}, configured through the environment variables docker-compose.yml sets,
 * and Kafka access that speaks the CloudEvents contract.
 */
final class ContainersSupport {

    private static final EventCodec CODEC = new EventCodec();

    private ContainersSupport() {
    }

    /** Starts {@code target/quarkus-app} of the module and waits until its readiness check answers 200. */
    static ServiceProcess startService(String module, String... systemProperties) {
        return startService(module, Map.of(), systemProperties);
    }

    /** Like {@link #startService(String, String...)}, with settings of the module's own on top. */
    static ServiceProcess startService(String module, Map<String, String> moduleEnvironment,
                                       String... systemProperties) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", RealInfrastructure.kafkaBootstrapServers(),
                "MONGODB_URI", RealInfrastructure.mongoUri(),
                "JWT_ISSUER", DevTokens.ISSUER,
                "JWT_PUBLIC_KEY_LOCATION", ServiceProcess.root()
                        .resolve("deploy/devstack/src/main/resources/microcred-dev/jwt-public.pem").toString()));
        environment.putAll(moduleEnvironment);
        return new ServiceProcess(module, environment, List.of(systemProperties)).start();
    }

    /** The readiness report lists a Kafka and a MongoDB check, both UP, and is UP as a whole. */
    static void assertReadyOnKafkaAndMongo(ServiceProcess service) {
        JsonPath health = given().get(service.baseUrl() + "/q/health/ready")
                .then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("status")).isEqualTo("UP");
        List<Map<String, Object>> checks = health.getList("checks");
        assertThat(checks).as("Kafka checks in %s", checks)
                .filteredOn(check -> String.valueOf(check.get("name")).toLowerCase().contains("kafka"))
                .isNotEmpty()
                .allSatisfy(check -> assertThat(check).containsEntry("status", "UP"));
        assertThat(checks).as("MongoDB checks in %s", checks)
                .filteredOn(check -> String.valueOf(check.get("name")).toLowerCase().contains("mongo"))
                .isNotEmpty()
                .allSatisfy(check -> assertThat(check).containsEntry("status", "UP"));
    }

    /**
     * A credential as issuer-service announces it while credentials are carried unsigned: an Open Badges 3.0
     * document for one learner, identified by a salted hash of the email.
     */
    static CredentialIssued credentialIssued(String credentialId, String providerId, String achievementId)
            throws Exception {
        Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String salt = UUID.randomUUID().toString();
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(("learner-" + credentialId + "@example.ca" + salt).getBytes(StandardCharsets.UTF_8));
        String recipientHash = "sha256$" + HexFormat.of().formatHex(digest);

        ObjectNode credential = CODEC.mapper().createObjectNode();
        credential.putArray("@context").add("https://www.w3.org/ns/credentials/v2")
                .add("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        credential.put("id", "urn:uuid:" + credentialId);
        credential.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        ObjectNode issuer = credential.putObject("issuer");
        issuer.put("id", "https://issuer.microcred.ca/providers/" + providerId);
        issuer.putArray("type").add("Profile");
        issuer.put("name", "Containers College");
        credential.put("validFrom", issuedAt.toString());
        ObjectNode subject = credential.putObject("credentialSubject");
        subject.putArray("type").add("AchievementSubject");
        ObjectNode identifier = subject.putArray("identifier").addObject();
        identifier.put("type", "IdentityObject");
        identifier.put("identityHash", recipientHash);
        identifier.put("identityType", "emailAddress");
        identifier.put("hashed", true);
        identifier.put("salt", salt);
        ObjectNode achievement = subject.putObject("achievement");
        achievement.put("id", "https://issuer.microcred.ca/achievements/" + achievementId);
        achievement.putArray("type").add("Achievement");
        achievement.put("name", "Cloud Operations");
        achievement.put("description", "Operates cloud workloads in production.");
        achievement.putObject("criteria").put("narrative", "Passed the capstone assessment.");

        return new CredentialIssued(credentialId, achievementId, providerId, "cohort-" + credentialId, recipientHash,
                salt, issuedAt, issuedAt, null, "none", credential, null,
                "https://registry.microcred.ca/credentials/" + credentialId);
    }

    /** Publishes the payload as a binary-mode CloudEvent on its topic, keyed by its subject, as the services do. */
    static EventEnvelope publish(EventPayload payload) throws Exception {
        EventEnvelope envelope = EventEnvelope.of("urn:microcred:system-tests", payload);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(EventType.of(payload).topic(),
                    envelope.subject(), CODEC.encodeData(payload));
            CODEC.binaryHeaders(envelope).forEach((name, value) ->
                    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
        return envelope;
    }

    /** Reads the topic from the beginning until an event matching the predicate arrives, decoding each one. */
    static EventEnvelope awaitEvent(String topic, Predicate<EventEnvelope> wanted) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "containers-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<EventEnvelope> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(CODEC.decode(headers(record), record.value()));
                }
                return seen.stream().anyMatch(wanted);
            });
        }
        Optional<EventEnvelope> match = seen.stream().filter(wanted).findFirst();
        assertThat(match).isPresent();
        return match.get();
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
