package ca.microcred.issuer.completion.rest;

import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.issuer.support.Completions;
import ca.microcred.issuer.support.IssuerDatabase;
import ca.microcred.issuer.support.TopicReader;
import ca.microcred.issuer.support.TopicReader.Published;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static ca.microcred.issuer.support.Completions.body;
import static ca.microcred.issuer.support.Completions.newId;
import static ca.microcred.issuer.support.Completions.postAsProvider;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The largest completion accepted, everyone passing and consenting, is issued and announced in full. */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class LargeCohortTest {

    @Test
    void tenThousandGraduatesFitOneCohortCompleted() {
        Completions.Scheduled scheduled = Completions.schedule();
        String provider = scheduled.providerId();
        String cohort = scheduled.cohortId();
        List<Map<String, Object>> learners = new ArrayList<>();
        for (int i = 0; i < CompletionRequest.MAX_LEARNERS; i++) {
            // as short as a learner gets: 10,000 of them only just fit in the 1 MiB body limit
            learners.add(Map.of("name", "L" + i, "email", "l" + i + "@example.ca", "passed", true,
                    "consentToEmployerContact", true));
        }
        Map<String, Object> body = body(cohort, learners);
        // VC-JWT keeps this test quick; the benchmark measures both proof formats
        body.put("proofFormat", "vc-jwt");
        JsonPath accepted = postAsProvider(provider, newId("key"), body)
                .then().statusCode(202).extract().jsonPath();
        assertEquals(CompletionRequest.MAX_LEARNERS, accepted.getList("credentials").size());

        CompletionResourceTest.awaitPublished(accepted.getString("id"), Duration.ofMinutes(3));
        assertEquals(CompletionRequest.MAX_LEARNERS, IssuerDatabase.credentialsForCohort(cohort));

        List<Published> completed = TopicReader.read(Topics.COHORTS, cohort::equals);
        assertThat(completed, hasSize(1));
        CohortCompleted event = (CohortCompleted) completed.get(0).event().data();
        assertThat(event.graduates(), hasSize(CompletionRequest.MAX_LEARNERS));
        assertEquals(CompletionRequest.MAX_LEARNERS, event.passed());
    }

    @Test
    void tenThousandLearnersFitOneCsvWithRoomToSpare() {
        Completions.Scheduled scheduled = Completions.schedule();
        StringBuilder csv = new StringBuilder("email,name,passed,grade,evidence_urls,consent_employer_contact\n");
        for (int i = 0; i < CompletionRequest.MAX_LEARNERS; i++) {
            csv.append("apprenant.").append(i).append("@college-exemple.ca,Amélie-Françoise Tremblay-Bélanger ")
                    .append(i).append(",oui,87 %,https://portfolio.college-exemple.ca/apprenants/").append(i)
                    .append("/projet-integrateur|https://github.com/apprenant-").append(i).append(",")
                    .append(i % 2 == 0 ? "oui" : "non").append('\n');
        }
        byte[] body = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // a realistic export is well over the 1 MiB every other request is held to
        org.hamcrest.MatcherAssert.assertThat(body.length, org.hamcrest.Matchers.greaterThan(1024 * 1024 + 512 * 1024));
        JsonPath accepted = io.restassured.RestAssured.given()
                .auth().oauth2(ca.microcred.devstack.DevTokens.provider(scheduled.providerId()))
                .contentType("text/csv; charset=utf-8").body(body)
                .queryParam("cohortId", scheduled.cohortId()).queryParam("proofFormat", "vc-jwt")
                .post("/completions")
                .then().statusCode(202).extract().jsonPath();
        assertEquals(CompletionRequest.MAX_LEARNERS, accepted.getInt("passed"));

        CompletionResourceTest.awaitPublished(accepted.getString("id"), Duration.ofMinutes(3));
        assertEquals(CompletionRequest.MAX_LEARNERS, IssuerDatabase.credentialsForCohort(scheduled.cohortId()));
        CohortCompleted event = (CohortCompleted) TopicReader.read(Topics.COHORTS, scheduled.cohortId()::equals)
                .get(0).event().data();
        assertThat(event.graduates(), hasSize(CompletionRequest.MAX_LEARNERS / 2));
        assertEquals("Amélie-Françoise Tremblay-Bélanger 0", event.graduates().get(0).name());
    }
}
