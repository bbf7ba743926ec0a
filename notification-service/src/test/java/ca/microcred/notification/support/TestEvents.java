package ca.microcred.notification.support;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.AchievementPublished;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.contracts.events.SkillAlignment;
import ca.microcred.contracts.events.EventPayload;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.devstack.DevstackTestResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Publishes real CloudEvents to the embedded broker the way issuer-service does: binary mode, key = subject. */
public final class TestEvents {

    public static final String SOURCE = "/test/issuer-service";

    private static final EventCodec CODEC = new EventCodec();
    private static KafkaProducer<String, byte[]> producer;

    private TestEvents() {
    }

    /** A completed cohort of this achievement: three passed, two of whom consented to employer contact. */
    public static CohortCompleted cohort(String achievementId) {
        return new CohortCompleted("cohort-" + UUID.randomUUID(), "completion-" + UUID.randomUUID(), achievementId,
                "prov-test-college", new LocalizedText("Applied Data Analytics", "Analyse de données appliquée"),
                "ON", "ONLINE", "en", Instant.now().truncatedTo(ChronoUnit.SECONDS), 4, 4, 3,
                List.of(new CohortCompleted.Graduate("Amélie Tremblay", "amelie.tremblay@example.ca",
                                List.of("https://portfolio.example.ca/amelie/capstone"), "cred-amelie",
                                "https://verify.microcred.ca/verifications/cred-amelie"),
                        new CohortCompleted.Graduate("Sam Okafor", "sam.okafor@example.ca", List.of(), "cred-sam",
                                "https://verify.microcred.ca/verifications/cred-sam")));
    }

    /** A published micro-credential with one ESCO skill and one NOC occupation, taught online in French. */
    public static AchievementPublished achievement(String achievementId, String providerId, String skillCode,
                                                   String occupation, String nameEn, Instant publishedAt) {
        return new AchievementPublished(achievementId, providerId, new LocalizedText(nameEn, nameEn + " (fr)"),
                new LocalizedText("About " + nameEn, "À propos"),
                List.of(new SkillAlignment("ESCO", skillCode, "Skill " + skillCode, null)), List.of(occupation),
                "ICT", "ONLINE", false, 30.0, List.of("fr"), "intermediate", List.of(), null,
                "https://catalogue.example.ca/" + achievementId, publishedAt);
    }

    /** A completed cohort with the given facts; two consenting graduates. */
    public static CohortCompleted cohort(String achievementId, String providerId, String province, String mode,
                                         String language) {
        CohortCompleted base = cohort(achievementId);
        return new CohortCompleted(base.cohortId(), base.completionId(), achievementId, providerId,
                base.achievementName(), province, mode, language, base.completedAt(), base.enrolled(),
                base.completed(), base.passed(), base.graduates());
    }

    /** Publishes the payload in a new envelope and returns it, so a test can publish the very same event again. */
    public static EventEnvelope publish(EventPayload payload) {
        EventEnvelope envelope = EventEnvelope.of(SOURCE, payload);
        publish(envelope);
        return envelope;
    }

    /** Publishes the envelope, partitioned by its key as producers do; returns the partition it landed on. */
    public static int publish(EventEnvelope envelope) {
        return send(new ProducerRecord<>(envelope.topic(), envelope.key(), CODEC.encodeData(envelope.data())), envelope);
    }

    /**
     * Publishes the envelope on the given partition. A consumer handles one partition in order, so once an event
     * published this way after another on the same partition has visibly been handled, the earlier one has been too.
     */
    public static int publish(EventEnvelope envelope, int partition) {
        return send(new ProducerRecord<>(envelope.topic(), partition, envelope.key(),
                CODEC.encodeData(envelope.data())), envelope);
    }

    private static int send(ProducerRecord<String, byte[]> record, EventEnvelope envelope) {
        CODEC.binaryHeaders(envelope).forEach((name, value) ->
                record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer().send(record).get(30, TimeUnit.SECONDS).partition();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + envelope.topic(), e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackTestResource.kafkaBootstrapServers());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props);
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
        }
        return producer;
    }
}
