package ca.microcred.notification;

import ca.microcred.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class OperationsTest {

    @Test
    void readinessReportsKafkaAndMongo() {
        List<String> checks = given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .extract().jsonPath().getList("checks.name");

        assertTrue(checks.stream().anyMatch(name -> name.toLowerCase().contains("kafka")), checks.toString());
        assertTrue(checks.stream().anyMatch(name -> name.toLowerCase().contains("mongo")), checks.toString());
    }

    @Test
    void openApiDescribesTheSubscriptionsAndTheirProblems() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths.'/subscriptions'.post.responses.'201'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/subscriptions'.post.responses.'400'.content", org.hamcrest.Matchers.hasKey("application/problem+json"))
                .body("paths.'/subscriptions/{id}'.get.responses.'404'.content", org.hamcrest.Matchers.hasKey("application/problem+json"))
                .body("paths.'/subscriptions/{subscriptionId}/deliveries'.get", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void metricsArePublishedForPrometheus() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
