package ca.microcred.issuer.completion.rest;

import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.issuer.support.Completions;
import ca.microcred.issuer.support.IssuerDatabase;
import ca.microcred.issuer.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The largest completion accepted, as a realistic CSV export well over the 1 MiB other requests are held to,
 * everyone passing and consenting: issued and announced in full, accents intact.
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class LargeCohortTest {

    @Test
    void tenThousandGraduatesFitOneCsvAndOneCohortCompleted() {
        Completions.Scheduled scheduled = Completions.schedule();
        StringBuilder csv = new StringBuilder("email,name,passed,grade,evidence_urls,consent_employer_contact\n");
        for (int i = 0; i < CompletionRequest.MAX_LEARNERS; i++) {
            csv.append("apprenant.").append(i).append("@college-exemple.ca,Amélie-Françoise Tremblay-Bélanger ")
                    .append(i).append(",oui,87 %,https://portfolio.college-exemple.ca/apprenants/").append(i)
                    .append("/projet-integrateur|https://github.com/apprenant-").append(i).append(",oui\n");
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(body.length, greaterThan(1024 * 1024 + 512 * 1024));
        JsonPath accepted = given()
                .auth().oauth2(DevTokens.provider(scheduled.providerId()))
                .contentType("text/csv; charset=utf-8").body(body)
                // VC-JWT keeps this test quick; the benchmark measures both proof formats
                .queryParam("cohortId", scheduled.cohortId()).queryParam("proofFormat", "vc-jwt")
                .post("/completions")
                .then().statusCode(202).extract().jsonPath();
        assertEquals(CompletionRequest.MAX_LEARNERS, accepted.getInt("passed"));
        assertEquals(CompletionRequest.MAX_LEARNERS, accepted.getList("credentials").size());

        CompletionResourceTest.awaitPublished(accepted.getString("id"), Duration.ofMinutes(6));
        assertEquals(CompletionRequest.MAX_LEARNERS, IssuerDatabase.credentialsForCohort(scheduled.cohortId()));
        var completed = TopicReader.read(Topics.COHORTS, scheduled.cohortId()::equals);
        assertThat(completed, hasSize(1));
        CohortCompleted event = (CohortCompleted) completed.get(0).event().data();
        assertThat(event.graduates(), hasSize(CompletionRequest.MAX_LEARNERS));
        assertEquals(CompletionRequest.MAX_LEARNERS, event.passed());
        assertEquals("Amélie-Françoise Tremblay-Bélanger 0", event.graduates().get(0).name());
    }
}
