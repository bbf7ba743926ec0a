package ca.microcred.systemtests.containers;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * A real Apache Kafka broker and a real MongoDB replica set in containers, the same images deploy/docker-compose
 * runs. Started once per test JVM on first use and shared by every {@code *ContainersIT}; Testcontainers removes
 * them when the JVM exits. Only reached from tests that Docker's presence enabled.
 */
final class RealInfrastructure {

    /** Same broker version as the kafka-clients the services are built with; keep in line with docker-compose.yml. */
    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String MONGO_IMAGE = "mongo:8.0.17";

    private static KafkaContainer kafka;
    private static MongoDBContainer mongo;

    private RealInfrastructure() {
    }

    static synchronized void start() {
        if (kafka != null) {
            return;
        }
        KafkaContainer broker = new KafkaContainer(KAFKA_IMAGE);
        // a replica set, as in production: the services may rely on what only replica sets offer
        MongoDBContainer store = new MongoDBContainer(MONGO_IMAGE).withReplicaSet();
        Startables.deepStart(broker, store).join();
        kafka = broker;
        mongo = store;
    }

    static String kafkaBootstrapServers() {
        start();
        return kafka.getBootstrapServers();
    }

    /**
     * The replica set's only member names itself by its container host name, which the host cannot resolve, so
     * clients outside the container network connect to it directly instead of through replica-set discovery.
     */
    static String mongoUri() {
        start();
        return mongo.getConnectionString() + "/?directConnection=true";
    }
}
