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

/**
 * The packaged verification-service on a real Kafka broker and MongoDB replica set: a credential issued on the
 * broker verifies as issued and in good standing.
 */
@Testcontainers(disabledWithoutDocker = true)
class VerificationServiceContainersIT {

    private static ServiceProcess verification;

    @BeforeAll
    static void startVerification() {
        verification = ContainersSupport.startService("verification-service");
    }

    @AfterAll
    static void stopVerification() {
        if (verification != null) {
            verification.close();
        }
    }

    @Test
    void readyWithKafkaAndMongoUp() {
        ContainersSupport.assertReadyOnKafkaAndMongo(verification);
    }

    @Test
    void credentialIssuedOnTheBrokerVerifies() throws Exception {
        String credentialId = "cred-" + UUID.randomUUID();
        ContainersSupport.publish(ContainersSupport.credentialIssued(credentialId, "prov-containers-verification",
                "ach-containers-verification"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get(verification.baseUrl() + "/verifications/" + credentialId)
                .then().statusCode(200)
                .body("credentialId", equalTo(credentialId))
                .body("verified", equalTo(true))
                .body("checks.find { it.check == 'issued' }.outcome", equalTo("PASS"))
                .body("checks.find { it.check == 'status' }.outcome", equalTo("PASS"))
                .body("summary.providerId", equalTo("prov-containers-verification")));
    }
}
