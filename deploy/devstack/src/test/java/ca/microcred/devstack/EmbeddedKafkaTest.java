package ca.microcred.devstack;

import ca.microcred.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static ca.microcred.devstack.KafkaClients.consume;
import static ca.microcred.devstack.KafkaClients.consumer;
import static ca.microcred.devstack.KafkaClients.sendIdempotent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedKafkaTest {

    @Test
    void idempotentProducerWithAcksAllReachesAConsumerGroup() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            RecordMetadata sent = sendIdempotent(kafka.bootstrapServers(), Topics.CREDENTIALS, "cred-1", "issued");

            try (KafkaConsumer<String, String> consumer = consumer(kafka.bootstrapServers(), "registry")) {
                List<ConsumerRecord<String, String>> records = consume(consumer, Topics.CREDENTIALS, 1, true);
                assertEquals(1, records.size());
                assertEquals("cred-1", records.get(0).key());
                assertEquals("issued", records.get(0).value());
                assertEquals(sent.partition(), records.get(0).partition());
            }
        }
    }

    @Test
    void contractTopicsAndTheirDeadLetterTopicsExistWithThreePartitions() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Set<String> expected = Set.of(
                    "providers.events", "providers.events.dlq", "achievements.events", "achievements.events.dlq",
                    "cohorts.events", "cohorts.events.dlq", "credentials.events", "credentials.events.dlq",
                    "registry.events", "registry.events.dlq");
            Map<String, TopicDescription> topics = admin.describeTopics(expected).allTopicNames().get(10, TimeUnit.SECONDS);
            assertEquals(expected, topics.keySet());
            topics.values().forEach(topic -> assertEquals(3, topic.partitions().size(), topic.name()));
        }
    }

    @Test
    void createTopicsAddsMissingTopicsAndLeavesExistingOnesAlone() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            kafka.createTopics(List.of("fault.tests", Topics.COHORTS), 2);

            Map<String, TopicDescription> topics = admin.describeTopics(List.of("fault.tests", Topics.COHORTS))
                    .allTopicNames().get(10, TimeUnit.SECONDS);
            assertEquals(2, topics.get("fault.tests").partitions().size());
            assertEquals(3, topics.get(Topics.COHORTS).partitions().size());
        }
    }

    @Test
    void restartOnTheSameDataDirKeepsRecordsAndCommittedOffsets(@TempDir Path dir) throws Exception {
        int port;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, dir)) {
            port = kafka.port();
            sendIdempotent(kafka.bootstrapServers(), Topics.COHORTS, "cohort-1", "first");
            try (KafkaConsumer<String, String> consumer = consumer(kafka.bootstrapServers(), "notification")) {
                consume(consumer, Topics.COHORTS, 1, true);
            }
            sendIdempotent(kafka.bootstrapServers(), Topics.COHORTS, "cohort-1", "second");
        }
        assertTrue(Files.exists(dir.resolve("meta.properties")), "data directory kept after close");

        try (EmbeddedKafka kafka = EmbeddedKafka.start(port, dir)) {
            assertEquals("localhost:" + port, kafka.bootstrapServers());
            try (KafkaConsumer<String, String> resumed = consumer(kafka.bootstrapServers(), "notification")) {
                List<ConsumerRecord<String, String>> records = consume(resumed, Topics.COHORTS, 1, false);
                assertEquals(List.of("second"), records.stream().map(ConsumerRecord::value).toList(),
                        "the group resumes after its committed offset");
            }
            try (KafkaConsumer<String, String> fresh = consumer(kafka.bootstrapServers(), "newcomer")) {
                List<ConsumerRecord<String, String>> records = consume(fresh, Topics.COHORTS, 2, false);
                assertEquals(List.of("first", "second"), records.stream().map(ConsumerRecord::value).toList());
            }
        }
    }

    @Test
    void stoppedBrokerRefusesConnectionsAndComesBackOnTheSamePortWithItsData() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            sendIdempotent(kafka.bootstrapServers(), Topics.REGISTRY, "p-1", "before");

            kafka.stop();
            assertFalse(kafka.isRunning());
            assertThrows(IOException.class, () -> connect(kafka.port()));

            kafka.restart();
            sendIdempotent(kafka.bootstrapServers(), Topics.REGISTRY, "p-1", "after");
            try (KafkaConsumer<String, String> consumer = consumer(kafka.bootstrapServers(), "verification")) {
                List<ConsumerRecord<String, String>> records = consume(consumer, Topics.REGISTRY, 2, false);
                assertEquals(List.of("before", "after"), records.stream().map(ConsumerRecord::value).toList());
            }
        }
    }

    @Test
    void temporaryDataDirIsDeletedOnClose() {
        Path dir;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            dir = kafka.dataDir();
            assertTrue(Files.isDirectory(dir));
        }
        assertFalse(Files.exists(dir));
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), (int) Duration.ofSeconds(2).toMillis());
        }
    }
}
