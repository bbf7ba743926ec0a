package ca.microcred.issuer.completion.rest;

import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.issuer.support.Completions;
import ca.microcred.issuer.support.IssuerDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static ca.microcred.issuer.support.Completions.body;
import static ca.microcred.issuer.support.Completions.learner;
import static ca.microcred.issuer.support.Completions.mixedCohort;
import static ca.microcred.issuer.support.Completions.newId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every kind of bad request is answered with a problem naming what is wrong, and nothing is stored. */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class CompletionValidationTest {

    private static final String PROBLEM = "application/problem+json";

    private String provider;
    private String cohort;

    @BeforeEach
    void newCohort() {
        provider = newId("prov");
        cohort = newId("cohort");
    }

    @Test
    void malformedJson() {
        raw("{\"cohortId\": \"" + cohort + "\", \"learners\": [")
                .statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("detail", containsString("not valid JSON"));
        assertNothingStored();
    }

    @Test
    void aBodyThatIsNotAnObject() {
        raw("[1, 2, 3]").statusCode(400).contentType(PROBLEM);
        raw("").statusCode(400).contentType(PROBLEM).body("detail", equalTo("A JSON body is required"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void wrongTypes() {
        Map<String, Object> body = body(cohort, mixedCohort());
        Map<String, Object> learner = new HashMap<>(mixedCohort().get(1));
        learner.put("passed", "maybe");
        ((List<Object>) body.get("learners")).set(1, learner);
        post(body).statusCode(400).contentType(PROBLEM)
                .body("violations.field", contains("learners[1].passed"));

        Map<String, Object> notAList = body(cohort, mixedCohort());
        notAList.put("learners", "everyone");
        post(notAList).statusCode(400).contentType(PROBLEM)
                .body("violations.field", contains("learners"));
        assertNothingStored();
    }

    @Test
    void missingFieldsAreAllListedInOneProblem() {
        post(Map.of()).statusCode(400).contentType(PROBLEM)
                .body("title", equalTo("Bad Request"))
                .body("violations.field", contains("cohortId", "learners"));

        Map<String, Object> incompleteLearner = new HashMap<>();
        incompleteLearner.put("name", "Amélie Tremblay");
        Map<String, Object> body = body(cohort, List.of(incompleteLearner));
        post(body).statusCode(400).contentType(PROBLEM)
                .body("violations.field", contains("learners[0].consentToEmployerContact", "learners[0].email",
                        "learners[0].passed"));
        assertNothingStored();
    }

    @Test
    void everyInvalidFieldIsNamedWithItsPath() {
        List<Map<String, Object>> learners = new ArrayList<>(mixedCohort());
        learners.add(learner(" ", "not-an-email", true, true));
        learners.add(learner("Léa Roy", "lea.roy@example.ca", true, true, "ftp://files.example.ca/lea"));
        learners.add(learner("Sam Lee", "JORDAN.SMITH@example.ca", false, false));
        Map<String, Object> last = learner("Zoé Roy", "zoe.roy@example.ca", true, true);
        last.put("grade", "x".repeat(51));
        learners.add(last);
        Map<String, Object> body = body(cohort, learners);
        body.put("cohortId", "has spaces");
        body.put("proofFormat", "ldp-rsa");

        post(body).statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("The request has 7 problems"))
                .body("violations.field", contains("cohortId", "learners[4].email", "learners[4].name",
                        "learners[5].portfolioLinks[0]", "learners[6].email", "learners[7].grade", "proofFormat"))
                .body("violations.find { it.field == 'learners[6].email' }.message",
                        containsString("learners[1]"));
        assertEquals(0, IssuerDatabase.completionsForCohort("has spaces"));
    }

    @Test
    void anEmailTheEventContractRefusesIsRefusedUpFront() {
        // passes a lenient syntax check, but a host name has no underscore: CohortCompleted could not carry it
        post(body(cohort, List.of(learner("Léa Roy", "lea.roy@ex_ample.ca", true, true))))
                .statusCode(400).contentType(PROBLEM)
                .body("violations.field", contains("learners[0].email"));
        assertNothingStored();
    }

    @Test
    void tooManyLearners() {
        List<Map<String, Object>> learners = new ArrayList<>();
        for (int i = 0; i <= CompletionRequest.MAX_LEARNERS; i++) {
            Map<String, Object> learner = new HashMap<>();
            learner.put("name", "L" + i);
            learner.put("email", "l" + i + "@example.ca");
            learner.put("passed", true);
            learner.put("consentToEmployerContact", false);
            learners.add(learner);
        }
        post(body(cohort, learners)).statusCode(400).contentType(PROBLEM)
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("learners"))
                .body("violations[0].message", containsString("10000"));
        post(body(cohort, List.of())).statusCode(400).contentType(PROBLEM)
                .body("violations.field", contains("learners"));
        assertNothingStored();
    }

    @Test
    void aBodyOverOneMebibyteIsTooLarge() {
        StringBuilder padding = new StringBuilder();
        while (padding.length() <= 1024 * 1024) {
            padding.append("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        }
        Map<String, Object> body = body(cohort, mixedCohort());
        body.put("achievementId", padding.toString());
        post(body).statusCode(413).contentType(PROBLEM)
                .body("status", equalTo(413))
                .body("detail", containsString("limit"));
        assertNothingStored();
    }

    @Test
    void aMalformedIdempotencyKey() {
        Completions.postAsProvider(provider, "x".repeat(201), body(cohort, mixedCohort()))
                .then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", contains("Idempotency-Key"));
        assertNothingStored();
    }

    private ValidatableResponse post(Object body) {
        return Completions.postAsProvider(provider, newId("key"), body).then();
    }

    private ValidatableResponse raw(String json) {
        return given().auth().oauth2(DevTokens.provider(provider)).contentType(Completions.JSON_UTF8).body(json)
                .post("/completions").then();
    }

    private void assertNothingStored() {
        assertEquals(0, IssuerDatabase.completionsForCohort(cohort));
        assertEquals(0, IssuerDatabase.credentialsForCohort(cohort));
    }
}
