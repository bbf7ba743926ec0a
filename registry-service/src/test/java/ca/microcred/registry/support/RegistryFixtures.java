package ca.microcred.registry.support;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.AchievementPublished;
import ca.microcred.contracts.events.EventPayload;
import ca.microcred.contracts.events.EventType;
import ca.microcred.contracts.events.FrameworkReport;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.ProviderRegistered;
import ca.microcred.contracts.events.SkillAlignment;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import io.restassured.http.ContentType;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Providers, achievements and accreditation decisions as the registry receives them: real CloudEvents on the
 * embedded broker, and registry.events read back with a plain consumer.
 */
public final class RegistryFixtures {

    public static final String SOURCE = "/test/issuer-service";
    public static final EventCodec CODEC = new EventCodec();

    private static KafkaProducer<String, byte[]> producer;

    private RegistryFixtures() {
    }

    public static EventEnvelope publish(EventPayload payload) {
        EventEnvelope envelope = EventEnvelope.of(SOURCE, payload);
        publish(envelope);
        return envelope;
    }

    /** Publishes this very envelope (again), as a producer does after a crash between send and mark-published. */
    public static void publish(EventEnvelope envelope) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(EventType.of(envelope.data()).topic(),
                envelope.subject(), CODEC.encodeData(envelope.data()));
        CODEC.binaryHeaders(envelope).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + envelope.type(), e);
        }
    }

    /** Publishes the envelopes without waiting for each, as a busy producer does; returns once all are written. */
    public static void publishAll(List<EventEnvelope> envelopes) {
        sendAll(encodeAll(envelopes));
    }

    /** The Kafka records a producer would send for the envelopes, encoded (and checked) by the codec. */
    public static List<ProducerRecord<String, byte[]>> encodeAll(List<EventEnvelope> envelopes) {
        List<ProducerRecord<String, byte[]>> records = new java.util.ArrayList<>(envelopes.size());
        for (EventEnvelope envelope : envelopes) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(EventType.of(envelope.data()).topic(),
                    envelope.subject(), CODEC.encodeData(envelope.data()));
            CODEC.binaryHeaders(envelope).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            records.add(record);
        }
        return records;
    }

    /** Sends the records without waiting for each, as a busy producer does; returns once all are written. */
    public static void sendAll(List<ProducerRecord<String, byte[]>> records) {
        List<Future<?>> sent = new java.util.ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            sent.add(producer().send(record));
        }
        try {
            for (Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish the events", e);
        }
    }

    public static void publishRaw(String topic, String key, Map<String, String> headers, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    /** Reads a topic from the beginning until records with this key satisfy the condition; returns them decoded. */
    public static List<EventEnvelope> awaitEvents(String topic, String key, Predicate<List<EventEnvelope>> done) {
        return awaitRecords(topic, key, records -> done.test(records.stream().map(RegistryFixtures::decode).toList()))
                .stream().map(RegistryFixtures::decode).toList();
    }

    public static List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, String key,
                                                                   Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackTestResource.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "fixture-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
                return done.test(found);
            });
        }
        return found;
    }

    public static EventEnvelope decode(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return CODEC.decode(headers, record.value());
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    // --- payloads ------------------------------------------------------------------------------------------

    public static ProviderRegistered provider(String providerId, String province) {
        return new ProviderRegistered(providerId, new LocalizedText("College " + providerId, "Collège " + providerId),
                "https://" + providerId + ".example.ca", "registrar@" + providerId + ".example.ca", province, "college",
                "did:web:issuer.microcred.ca:providers:" + providerId, now().minus(1, ChronoUnit.DAYS));
    }

    /** A micro-credential; tweak it through {@link AchievementBuilder}. */
    public static AchievementBuilder achievement(String achievementId, String providerId) {
        return new AchievementBuilder(achievementId, providerId);
    }

    public static final class AchievementBuilder {
        private final String achievementId;
        private final String providerId;
        private LocalizedText name = new LocalizedText("Workplace safety", "Santé et sécurité au travail");
        private LocalizedText description = new LocalizedText("Hazards and prevention", "Risques et prévention");
        private List<SkillAlignment> skills = List.of();
        private List<String> occupations = List.of();
        private String deliveryMode = "ONLINE";
        private boolean selfPaced;
        private Double workloadHours = 30.0;
        private List<String> languages = List.of("en");
        private List<String> stacksInto = List.of();
        private FrameworkReport report = new FrameworkReport(true, true, true, true, true, List.of());
        private Instant publishedAt = now();

        private AchievementBuilder(String achievementId, String providerId) {
            this.achievementId = achievementId;
            this.providerId = providerId;
        }

        public AchievementBuilder name(String en, String fr) {
            this.name = new LocalizedText(en, fr);
            return this;
        }

        public AchievementBuilder description(String en, String fr) {
            this.description = new LocalizedText(en, fr);
            return this;
        }

        public AchievementBuilder skill(String framework, String code) {
            List<SkillAlignment> all = new ArrayList<>(skills);
            all.add(new SkillAlignment(framework, code, "Skill " + code, null));
            this.skills = all;
            return this;
        }

        public AchievementBuilder occupations(String... codes) {
            this.occupations = List.of(codes);
            return this;
        }

        public AchievementBuilder delivery(String mode, boolean selfPaced) {
            this.deliveryMode = mode;
            this.selfPaced = selfPaced;
            return this;
        }

        public AchievementBuilder workload(Double hours) {
            this.workloadHours = hours;
            return this;
        }

        public AchievementBuilder languages(String... tags) {
            this.languages = List.of(tags);
            return this;
        }

        public AchievementBuilder stacksInto(String... ids) {
            this.stacksInto = List.of(ids);
            return this;
        }

        public AchievementBuilder report(FrameworkReport report) {
            this.report = report;
            return this;
        }

        public AchievementBuilder publishedAt(Instant at) {
            this.publishedAt = at;
            return this;
        }

        public AchievementPublished build() {
            return new AchievementPublished(achievementId, providerId, name, description, skills, occupations,
                    "Manufacturing", deliveryMode, selfPaced, workloadHours, languages, "introductory", stacksInto,
                    report, "https://" + providerId + ".example.ca/programs/" + achievementId, publishedAt);
        }
    }

    // --- REST helpers --------------------------------------------------------------------------------------

    /** Registers the provider and waits until the registry knows it. */
    public static void registerAndAwait(String providerId, String province) {
        publish(provider(providerId, province));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(DevTokens.operator())
                .get("/operator/providers/{id}", providerId).statusCode() == 200);
    }

    public static void decide(String providerId, String decision, String reason) {
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("decision", decision, "reason", reason))
                .post("/operator/providers/{id}/accreditation", providerId)
                .then().statusCode(200);
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A made-up word no other test uses, to scope free-text searches to one test's entries. */
    public static String marker() {
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString().toLowerCase(Locale.ROOT);
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
