package ca.microcred.registry.cohort.rest;

import ca.microcred.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class CohortResourceTest {

    @Test
    void unknownCohortIs404Problem() {
        given().get("/cohorts/{id}", "cohort-never-completed")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", equalTo("Cohort 'cohort-never-completed' does not exist"));
    }

    @Test
    void malformedIdIs400Problem() {
        given().get("/cohorts/{id}", "cohort;drop")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", contains("cohortId"));
        given().get("/cohorts/{id}", "k".repeat(250))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("cohortId"));
    }
}
