package ca.microcred.registry.support;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.contracts.events.EventPayload;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.devstack.DevstackTestResource;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Publishes real CloudEvents to the embedded broker the way a producing service does (binary mode, key = subject)
 * and reads dead-letter topics back.
 */
public final class TestEvents {

    public static final String SOURCE = "/test/registry-service";

    private static final EventCodec CODEC = new EventCodec();
    private static KafkaProducer<String, byte[]> producer;

    private TestEvents() {
    }

    /** Publishes the payload in a new envelope (fresh event id) and returns the envelope, to redeliver it. */
    public static EventEnvelope publish(EventPayload payload) {
        EventEnvelope envelope = EventEnvelope.of(SOURCE, payload);
        publish(envelope);
        return envelope;
    }

    /** Publishes this very envelope (again); returns where it landed. */
    public static RecordMetadata publish(EventEnvelope envelope) {
        return send(new ProducerRecord<>(envelope.topic(), envelope.subject(), CODEC.encodeData(envelope.data())),
                CODEC.binaryHeaders(envelope));
    }

    /** Publishes the envelope to the given partition of its topic, whatever its key. */
    public static void publishToPartition(EventEnvelope envelope, int partition) {
        send(new ProducerRecord<>(envelope.topic(), partition, envelope.subject(),
                CODEC.encodeData(envelope.data())), CODEC.binaryHeaders(envelope));
    }

    public static void publishRaw(String topic, String key, Map<String, String> headers, byte[] value) {
        send(new ProducerRecord<>(topic, key, value), headers);
    }

    /** The binary-mode headers of the envelope, to build a broken variant of a valid event. */
    public static Map<String, String> headersOf(EventEnvelope envelope) {
        return CODEC.binaryHeaders(envelope);
    }

    public static byte[] dataOf(EventEnvelope envelope) {
        return CODEC.encodeData(envelope.data());
    }

    private static RecordMetadata send(ProducerRecord<String, byte[]> record, Map<String, String> headers) {
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + record.topic(), e);
        }
    }

    /** Waits until the dead-letter topic holds this many records with this key, and returns them in order. */
    public static List<ConsumerRecord<String, byte[]>> awaitDeadLetters(String dlqTopic, String key, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackTestResource.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(dlqTopic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
                return found.size() >= count;
            });
        }
        return found;
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        return Optional.ofNullable(record.headers().lastHeader(name))
                .map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }

    // --- payloads a producer would send --------------------------------------------------------------------

    /** A credential issued a minute ago by the provider, carried unsigned as the walking skeleton issues it. */
    public static CredentialIssued issued(String credentialId, String achievementId, String providerId,
                                          String cohortId, String recipientHash) {
        Instant issuedAt = now().minus(1, ChronoUnit.MINUTES);
        ObjectNode credential = JsonNodeFactory.instance.objectNode();
        credential.putArray("@context").add("https://www.w3.org/ns/credentials/v2")
                .add("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        credential.put("id", "urn:uuid:" + UUID.randomUUID());
        credential.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        ObjectNode issuer = credential.putObject("issuer");
        issuer.put("id", "did:web:issuer.microcred.ca:providers:" + providerId);
        issuer.putArray("type").add("Profile");
        issuer.put("name", "Collège Laurentien");
        credential.put("validFrom", issuedAt.toString());
        ObjectNode subject = credential.putObject("credentialSubject");
        subject.putArray("type").add("AchievementSubject");
        ObjectNode identity = subject.putArray("identifier").addObject();
        identity.put("type", "IdentityObject");
        identity.put("identityHash", recipientHash);
        identity.put("identityType", "emailAddress");
        identity.put("hashed", true);
        identity.put("salt", "salt-" + credentialId);
        ObjectNode achievement = subject.putObject("achievement");
        achievement.put("id", "https://issuer.microcred.ca/achievements/" + achievementId);
        achievement.putArray("type").add("Achievement");
        achievement.put("name", "Analyse de données appliquée");
        achievement.put("description", "Cleans, explores and reports on tabular data.");
        achievement.putObject("criteria").put("narrative", "Passed the capstone project.");
        achievement.put("creditsAvailable", 1.5);
        return new CredentialIssued(credentialId, achievementId, providerId, cohortId, recipientHash,
                "salt-" + credentialId, issuedAt, issuedAt, null, "none", credential, null,
                "https://issuer.microcred.ca/credentials/" + credentialId);
    }

    public static CredentialIssued issued(String credentialId, String providerId) {
        return issued(credentialId, "ach-" + providerId, providerId, "cohort-" + providerId, recipientHash());
    }

    public static CredentialRevoked statusChange(String credentialId, String providerId,
                                                 CredentialRevoked.Action action, String reason, Instant at) {
        return new CredentialRevoked(credentialId, providerId, action, reason, at);
    }

    public static CohortCompleted cohortCompleted(String cohortId, String providerId, Instant completedAt,
                                                  int enrolled, int completed, int passed) {
        return new CohortCompleted(cohortId, newId("completion"), "ach-" + providerId, providerId,
                new LocalizedText("Applied data analysis", "Analyse de données appliquée"), "QC", "HYBRID", "fr-CA",
                completedAt, enrolled, completed, passed,
                List.of(new CohortCompleted.Graduate("Amélie Tremblay", "amelie.tremblay@example.ca",
                        List.of("https://portfolio.example.ca/amelie"), null, null)));
    }

    /** A random recipient identity hash in the Open Badges form. */
    public static String recipientHash() {
        return "sha256$" + (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    /** Mongo keeps milliseconds; events in tests carry no more, so answers compare equal. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackTestResource.kafkaBootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }
}
