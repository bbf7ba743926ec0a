package ca.microcred.issuer.completion.rest;

import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.devstack.DevstackTestResource;
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
        String provider = newId("prov");
        String cohort = newId("cohort");
        List<Map<String, Object>> learners = new ArrayList<>();
        for (int i = 0; i < CompletionRequest.MAX_LEARNERS; i++) {
            // as short as a learner gets: 10,000 of them only just fit in the 1 MiB body limit
            learners.add(Map.of("name", "L" + i, "email", "l" + i + "@example.ca", "passed", true,
                    "consentToEmployerContact", true));
        }
        long started = System.nanoTime();
        JsonPath accepted = postAsProvider(provider, newId("key"), body(cohort, learners))
                .then().statusCode(202).extract().jsonPath();
        assertEquals(CompletionRequest.MAX_LEARNERS, accepted.getList("credentials").size());

        CompletionResourceTest.awaitPublished(accepted.getString("id"), Duration.ofMinutes(3));
        System.out.printf("10,000 credentials issued and published in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertEquals(CompletionRequest.MAX_LEARNERS, IssuerDatabase.credentialsForCohort(cohort));

        List<Published> completed = TopicReader.read(Topics.COHORTS, cohort::equals);
        assertThat(completed, hasSize(1));
        CohortCompleted event = (CohortCompleted) completed.get(0).event().data();
        assertThat(event.graduates(), hasSize(CompletionRequest.MAX_LEARNERS));
        assertEquals(CompletionRequest.MAX_LEARNERS, event.passed());
    }
}
