package ca.microcred.systemtests;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/** Reads a topic from the beginning to its end, as an auditor would, to count what was really published. */
public final class EventLog {

    public static final String CREDENTIAL_ISSUED = "ca.microcred.credential.issued.v1";
    public static final String COHORT_COMPLETED = "ca.microcred.cohort.completed.v1";

    private EventLog() {
    }

    /**
     * How many events of {@code type} (any type when null) each of {@code keys} has on {@code topic} (keys absent:
     * none).
     */
    public static Map<String, Integer> count(String bootstrapServers, String topic, String type, Collection<String> keys) {
        Set<String> wanted = new HashSet<>(keys);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 60_000;
            boolean assigned = false;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header header = record.headers().lastHeader("ce_type");
                    boolean ofType = type == null
                            || header != null && new String(header.value(), StandardCharsets.UTF_8).equals(type);
                    if (wanted.contains(record.key()) && ofType) {
                        counts.merge(record.key(), 1, Integer::sum);
                    }
                }
                assigned = assigned || !consumer.assignment().isEmpty();
                if (assigned && consumer.assignment().stream()
                        .allMatch(tp -> consumer.position(tp) >= consumer.endOffsets(List.of(tp)).get(tp))) {
                    break;
                }
            }
        }
        return counts;
    }
}
