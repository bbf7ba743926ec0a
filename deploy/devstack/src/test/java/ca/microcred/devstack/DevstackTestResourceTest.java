package ca.microcred.devstack;

import ca.microcred.contracts.Topics;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

class DevstackTestResourceTest {

    @Test
    void startPointsTheApplicationAtTheSharedKafkaAndMongo() throws Exception {
        Map<String, String> config = new DevstackTestResource().start();

        assertEquals(Map.of(
                "kafka.bootstrap.servers", DevstackTestResource.kafkaBootstrapServers(),
                "quarkus.mongodb.connection-string", DevstackTestResource.mongoConnectionString()), config);

        KafkaClients.sendIdempotent(config.get("kafka.bootstrap.servers"), Topics.PROVIDERS, "p-1", "registered");
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(DevstackTestResource.kafkaBootstrapServers(),
                "resource-test")) {
            assertEquals("registered", KafkaClients.consume(consumer, Topics.PROVIDERS, 1, false).get(0).value());
        }
        try (MongoClient client = MongoClients.create(config.get("quarkus.mongodb.connection-string"))) {
            client.getDatabase("issuer").getCollection("completions").insertOne(new Document("_id", "c-1"));
            assertEquals(1, client.getDatabase("issuer").getCollection("completions").countDocuments());
        }
    }

    @Test
    void everyTestApplicationInTheJvmGetsTheSameServers() throws Exception {
        Map<String, String> first = new DevstackTestResource().start();
        Map<String, String> second = new DevstackTestResource().start();
        assertEquals(first, second);

        // Quarkus loads each test application in a class loader of its own, like this one
        try (URLClassLoader application = new URLClassLoader(classpath(), ClassLoader.getPlatformClassLoader())) {
            Class<?> isolated = application.loadClass(DevstackTestResource.class.getName());
            assertNotSame(DevstackTestResource.class, isolated);
            assertEquals(first.get("kafka.bootstrap.servers"), isolated.getMethod("kafkaBootstrapServers").invoke(null));
            assertEquals(first.get("quarkus.mongodb.connection-string"),
                    isolated.getMethod("mongoConnectionString").invoke(null));
        }
    }

    private static URL[] classpath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }
}
