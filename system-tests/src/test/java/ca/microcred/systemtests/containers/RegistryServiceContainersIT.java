package ca.microcred.systemtests.containers;

import ca.microcred.systemtests.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The packaged registry-service on a real Kafka broker and MongoDB replica set: an issued credential is recorded. */
@Testcontainers(disabledWithoutDocker = true)
class RegistryServiceContainersIT {

    private static ServiceProcess registry;

    @BeforeAll
    static void startRegistry() {
        registry = ContainersSupport.startService("registry-service");
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void readyWithKafkaAndMongoUp() {
        ContainersSupport.assertReadyOnKafkaAndMongo(registry);
    }

    @Test
    void credentialIssuedOnTheBrokerIsRecorded() throws Exception {
        String credentialId = "cred-" + UUID.randomUUID();
        ContainersSupport.publish(ContainersSupport.credentialIssued(credentialId, "prov-containers-registry",
                "ach-containers-registry"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get(registry.baseUrl() + "/credentials/" + credentialId)
                .then().statusCode(200)
                .body("credentialId", equalTo(credentialId))
                .body("providerId", equalTo("prov-containers-registry"))
                .body("achievementId", equalTo("ach-containers-registry"))
                .body("status", equalTo("ACTIVE")));
    }
}
