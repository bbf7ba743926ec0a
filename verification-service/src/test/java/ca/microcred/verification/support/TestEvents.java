package ca.microcred.verification.support;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.contracts.events.EventPayload;
import ca.microcred.contracts.events.EventType;
import ca.microcred.contracts.events.ProviderAccreditationChanged;
import ca.microcred.devstack.DevstackTestResource;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * Publishes real CloudEvents to the embedded broker the way a producing service does (binary mode, key =
 * subject), and reads dead-letter topics back.
 */
public final class TestEvents {

    public static final String SOURCE = "/test/verification-service";

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

    /** Publishes this very envelope again: what a producer does after a crash between send and mark-published. */
    public static void publish(EventEnvelope envelope) {
        String topic = EventType.of(envelope.data()).topic();
        publishRaw(topic, envelope.subject(), CODEC.binaryHeaders(envelope), CODEC.encodeData(envelope.data()));
    }

    public static void publishRaw(String topic, String key, Map<String, String> headers, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    /** Waits for the record with this key on a dead-letter topic. */
    public static ConsumerRecord<String, byte[]> awaitDeadLetter(String dlqTopic, String key) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackTestResource.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        AtomicReference<ConsumerRecord<String, byte[]>> found = new AtomicReference<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(dlqTopic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        found.set(record);
                    }
                }
                return found.get() != null;
            });
        }
        return found.get();
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        return Optional.ofNullable(record.headers().lastHeader(name))
                .map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }

    // --- payloads a producer would send --------------------------------------------------------------------

    /** A credential issued a minute ago, valid for a year, by the given provider. */
    public static CredentialIssued issued(String credentialId, String providerId) {
        Instant issuedAt = now().minus(1, ChronoUnit.MINUTES);
        return issued(credentialId, providerId, issuedAt, issuedAt.plus(365, ChronoUnit.DAYS));
    }

    public static CredentialIssued issued(String credentialId, String providerId, Instant validFrom,
                                          Instant validUntil) {
        ObjectNode credential = JsonNodeFactory.instance.objectNode()
                .put("id", "urn:uuid:" + credentialId)
                .put("validFrom", validFrom.toString());
        credential.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        return new CredentialIssued(credentialId, "ach-" + providerId, providerId, "cohort-" + providerId,
                "sha256$" + "ab".repeat(32), "salt-" + credentialId, validFrom, validFrom, validUntil, "none",
                credential, null, "https://issuer.microcred.ca/credentials/" + credentialId);
    }

    public static CredentialRevoked statusChange(String credentialId, String providerId,
                                                 CredentialRevoked.Action action, String reason, Instant at) {
        return new CredentialRevoked(credentialId, providerId, action, reason, at);
    }

    public static ProviderAccreditationChanged accreditation(String providerId,
                                                             ProviderAccreditationChanged.State previous,
                                                             ProviderAccreditationChanged.State state,
                                                             String reason, Instant at) {
        return new ProviderAccreditationChanged(providerId, "did:web:issuer.microcred.ca:providers:" + providerId,
                previous, state, reason, "operator-1", at);
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
