package ca.microcred.registry;

import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.registry.support.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class OperationsTest {

    @Test
    void readinessReportsKafkaAndMongo() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka connection health check", "MongoDB connection health check"));
    }

    @Test
    void metricsCountConsumedEvents() {
        String credentialId = TestEvents.newId("cred");
        TestEvents.publish(TestEvents.issued(credentialId, TestEvents.newId("prov")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/credentials/{id}", credentialId).statusCode() == 200);

        // the record becomes visible a moment before the consumer counts the event as consumed
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("microcred_events_consumed_total{"))
                .body(containsString("type=\"ca.microcred.credential.issued.v1\""))
                .body(containsString("http_server_requests_seconds_count{")));
    }

    @Test
    void apiDocsDeclareProblemResponses() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/credentials/{credentialId}'.get.responses.'404'.content",
                        hasKey("application/problem+json"))
                .body("paths.'/credentials/{credentialId}'.get.responses.'400'.content",
                        hasKey("application/problem+json"))
                .body("paths.'/operator/credentials/{credentialId}'.get.responses.'403'.content",
                        hasKey("application/problem+json"))
                .body("paths.'/cohorts/{cohortId}'.get.responses.'404'.content",
                        hasKey("application/problem+json"));
    }
}
