package ca.microcred.devstack;

import ca.microcred.contracts.Topics;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevStackMainTest {

    @Test
    void secondStartOnTheSameDataDirKeepsTopicsOffsetsAndDocuments(@TempDir Path dataDir) throws Exception {
        int kafkaPort = Ports.free();
        int mongoPort = Ports.free();
        String kafka = "localhost:" + kafkaPort;
        String mongo = "mongodb://localhost:" + mongoPort;

        Launched first = launch(dataDir, kafkaPort, mongoPort);
        try {
            assertEquals("devstack ready kafka=" + kafka + " mongo=" + mongo, first.readyLine);
            KafkaClients.sendIdempotent(kafka, Topics.CREDENTIALS, "cred-1", "issued");
            KafkaClients.sendIdempotent(kafka, Topics.CREDENTIALS, "cred-1", "revoked");
            try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(kafka, "registry")) {
                List<ConsumerRecord<String, String>> records = KafkaClients.consume(consumer, Topics.CREDENTIALS, 2, false);
                // commit only the first record, so the restart must resume in the middle of the partition
                ConsumerRecord<String, String> issued = records.get(0);
                consumer.commitSync(Map.of(new TopicPartition(issued.topic(), issued.partition()),
                        new OffsetAndMetadata(issued.offset() + 1)));
            }
            try (MongoClient client = MongoClients.create(mongo)) {
                client.getDatabase("registry").getCollection("credentials")
                        .insertOne(new Document("_id", "cred-1").append("status", "revoked"));
            }
        } finally {
            assertEquals(143, first.stop(), "SIGTERM ends the launcher through its shutdown hook");
        }
        assertTrue(Files.isRegularFile(dataDir.resolve("mongo.mv.db")));
        assertTrue(Files.isRegularFile(dataDir.resolve("kafka").resolve("meta.properties")));

        Launched second = launch(dataDir, kafkaPort, mongoPort);
        try {
            try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(kafka, "registry")) {
                List<ConsumerRecord<String, String>> records = KafkaClients.consume(consumer, Topics.CREDENTIALS, 1, false);
                assertEquals(List.of("revoked"), records.stream().map(ConsumerRecord::value).toList());
            }
            try (MongoClient client = MongoClients.create(mongo)) {
                Document credential = client.getDatabase("registry").getCollection("credentials").find().first();
                assertEquals("revoked", credential.getString("status"));
            }
        } finally {
            second.stop();
        }
    }

    @Test
    void tokenSubcommandPrintsATokenForTheRole() throws Exception {
        JwtClaims claims = new JwtConsumerBuilder()
                .setExpectedIssuer(DevTokens.ISSUER)
                .setVerificationKey(DevTokens.publicKey())
                .build()
                .processToClaims(DevStackMain.token(new String[]{"token", "employer", "acme"}));
        assertEquals(List.of("employer"), claims.getStringListClaimValue("groups"));
        assertEquals("acme", claims.getStringClaimValue("employer_id"));

        assertThrows(IllegalArgumentException.class, () -> DevStackMain.token(new String[]{"token", "provider"}));
        assertThrows(IllegalArgumentException.class, () -> DevStackMain.token(new String[]{"token", "admin", "x"}));
    }

    private static Launched launch(Path dataDir, int kafkaPort, int mongoPort) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", System.getProperty("java.class.path"),
                DevStackMain.class.getName(),
                "--data-dir", dataDir.toString(),
                "--kafka-port", String.valueOf(kafkaPort),
                "--mongo-port", String.valueOf(mongoPort))
                .redirectError(ProcessBuilder.Redirect.appendTo(dataDir.resolve("launcher.log").toFile()))
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (Exception e) {
                // the process ended; the test sees the missing ready line
            }
        });
        reader.setDaemon(true);
        reader.start();
        String ready = lines.poll(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
        if (ready == null) {
            process.destroyForcibly();
            throw new AssertionError("the launcher printed nothing within 60 s");
        }
        return new Launched(process, ready);
    }

    private static final class Launched {
        final Process process;
        final String readyLine;

        Launched(Process process, String readyLine) {
            this.process = process;
            this.readyLine = readyLine;
        }

        int stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the launcher did not stop within 60 s of SIGTERM");
            }
            return process.exitValue();
        }
    }
}
