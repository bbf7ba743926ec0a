package ca.microcred.issuer.provider.rest;

import ca.microcred.devstack.DevstackTestResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads what really reached a topic of the embedded broker, from the beginning, with a fresh consumer group. */
public final class TopicEvents {

    private TopicEvents() {
    }

    /**
     * Every record keyed {@code key} on {@code topic} seen within {@code window}: waits for the first one, then
     * keeps reading for {@code settle} so a duplicate would be seen too.
     */
    public static List<ConsumerRecord<String, byte[]>> recordsFor(String topic, String key, Duration window,
                                                                  Duration settle) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackTestResource.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "issuer-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(window);
            Instant settledAt = null;
            while (Instant.now().isBefore(deadline) && (settledAt == null || Instant.now().isBefore(settledAt))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                        if (settledAt == null) {
                            settledAt = Instant.now().plus(settle);
                        }
                    }
                }
            }
        }
        return found;
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static String data(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }
}
