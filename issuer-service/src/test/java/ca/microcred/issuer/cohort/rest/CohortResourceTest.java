package ca.microcred.issuer.cohort.rest;

import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.issuer.achievement.rest.AchievementFixtures;
import ca.microcred.issuer.cohort.CohortStatus;
import ca.microcred.issuer.cohort.service.CohortService;
import ca.microcred.issuer.provider.rest.ProviderFixtures;
import ca.microcred.support.problem.ProblemException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class CohortResourceTest {

    @Inject
    CohortService cohorts;

    static Map<String, Object> cohort() {
        Map<String, Object> body = new HashMap<>();
        body.put("startDate", "2027-01-11");
        body.put("endDate", "2027-03-19");
        body.put("province", "QC");
        body.put("region", "Montérégie");
        body.put("deliveryMode", "HYBRID");
        body.put("language", "fr-CA");
        body.put("capacity", 30);
        return body;
    }

    @Test
    void aProviderSchedulesReadsAndListsCohorts() {
        String providerId = ProviderFixtures.register();
        String achievementId = AchievementFixtures.published(providerId);
        String token = DevTokens.provider(providerId);
        String cohortId = given().auth().oauth2(token).contentType(ContentType.JSON).body(cohort())
                .when().post("/providers/{p}/achievements/{a}/cohorts", providerId, achievementId)
                .then().statusCode(201)
                .header("Location", containsString("/achievements/" + achievementId + "/cohorts/"))
                .body("status", equalTo("OPEN"))
                .body("region", equalTo("Montérégie"))
                .body("startDate", equalTo("2027-01-11"))
                .extract().path("id");

        given().auth().oauth2(token).get("/providers/{p}/achievements/{a}/cohorts/{c}", providerId, achievementId, cohortId)
                .then().statusCode(200).body("capacity", equalTo(30)).body("language", equalTo("fr-CA"));
        given().auth().oauth2(DevTokens.operator())
                .get("/providers/{p}/achievements/{a}/cohorts", providerId, achievementId)
                .then().statusCode(200).body("id", containsInAnyOrder(cohortId));
    }

    @Test
    void datesAndEveryOtherProblemAreReportedTogether() {
        String providerId = ProviderFixtures.register();
        String achievementId = AchievementFixtures.published(providerId);
        Map<String, Object> bad = cohort();
        bad.put("startDate", "2027-03-19");
        bad.put("endDate", "2027-01-11");
        bad.put("province", "XX");
        bad.put("deliveryMode", "MAIL");
        bad.put("language", "Français");
        bad.put("capacity", 0);
        given().auth().oauth2(DevTokens.provider(providerId)).contentType(ContentType.JSON).body(bad)
                .when().post("/providers/{p}/achievements/{a}/cohorts", providerId, achievementId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("endDate", "province", "deliveryMode", "language",
                        "capacity"))
                .body("violations.find { it.field == 'endDate' }.message", equalTo("must not be before startDate"));

        Map<String, Object> unparsable = cohort();
        unparsable.put("startDate", "11/01/2027");
        unparsable.remove("endDate");
        given().auth().oauth2(DevTokens.provider(providerId)).contentType(ContentType.JSON).body(unparsable)
                .when().post("/providers/{p}/achievements/{a}/cohorts", providerId, achievementId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("startDate", "endDate"));

        Map<String, Object> oneDay = cohort();
        oneDay.put("endDate", "2027-01-11");
        given().auth().oauth2(DevTokens.provider(providerId)).contentType(ContentType.JSON).body(oneDay)
                .when().post("/providers/{p}/achievements/{a}/cohorts", providerId, achievementId)
                .then().statusCode(201);
    }

    @Test
    void unknownDraftAndForeignAchievementsAreRefused() {
        String providerId = ProviderFixtures.register();
        String token = DevTokens.provider(providerId);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(cohort())
                .post("/providers/{p}/achievements/{a}/cohorts", providerId, "no-such-achievement")
                .then().statusCode(404).contentType("application/problem+json");
        String published = AchievementFixtures.published(providerId);
        given().auth().oauth2(token)
                .get("/providers/{p}/achievements/{a}/cohorts/{c}", providerId, published, "no-such-cohort")
                .then().statusCode(404).contentType("application/problem+json");

        String draft = AchievementFixtures.draft(providerId, AchievementFixtures.complete());
        given().auth().oauth2(token).contentType(ContentType.JSON).body(cohort())
                .post("/providers/{p}/achievements/{a}/cohorts", providerId, draft)
                .then().statusCode(409).contentType("application/problem+json");

        String other = ProviderFixtures.register();
        given().auth().oauth2(DevTokens.provider(other)).contentType(ContentType.JSON).body(cohort())
                .post("/providers/{p}/achievements/{a}/cohorts", providerId, published)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void concurrentClosesLetExactlyOneCompletionWin() throws Exception {
        String providerId = ProviderFixtures.register();
        String achievementId = AchievementFixtures.published(providerId);
        String cohortId = given().auth().oauth2(DevTokens.provider(providerId)).contentType(ContentType.JSON)
                .body(cohort()).post("/providers/{p}/achievements/{a}/cohorts", providerId, achievementId)
                .then().statusCode(201).extract().path("id");

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> closes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String completionId = "completion-" + i;
                closes.add(() -> cohorts.close(cohortId, completionId));
            }
            long winners = 0;
            for (Future<Boolean> result : pool.invokeAll(closes)) {
                winners += result.get() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(CohortStatus.CLOSED, cohorts.get(cohortId).status());
        assertFalse(cohorts.close(cohortId, "late-completion"));
        given().auth().oauth2(DevTokens.provider(providerId))
                .get("/providers/{p}/achievements/{a}/cohorts/{c}", providerId, achievementId, cohortId)
                .then().statusCode(200).body("status", equalTo("CLOSED"));
        ProblemException missing = assertThrows(ProblemException.class, () -> cohorts.close("no-such-cohort", "c"));
        assertEquals(404, missing.status());
    }
}
