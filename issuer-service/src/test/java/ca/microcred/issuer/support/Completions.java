package ca.microcred.issuer.support;

import ca.microcred.devstack.DevTokens;
import ca.microcred.issuer.achievement.rest.AchievementFixtures;
import ca.microcred.issuer.provider.rest.ProviderFixtures;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Completion requests as a provider's system would send them, and the calls the tests repeat. */
public final class Completions {

    public static final String JSON_UTF8 = ContentType.JSON.withCharset(StandardCharsets.UTF_8);

    private Completions() {
    }

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static Map<String, Object> learner(String name, String email, boolean passed, boolean consent,
                                              String... portfolioLinks) {
        Map<String, Object> learner = new LinkedHashMap<>();
        learner.put("name", name);
        learner.put("email", email);
        learner.put("passed", passed);
        learner.put("consentToEmployerContact", consent);
        learner.put("portfolioLinks", List.of(portfolioLinks));
        return learner;
    }

    /** A valid completion of the cohort; the map is mutable so tests can break one field. */
    public static Map<String, Object> body(String cohortId, List<Map<String, Object>> learners) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cohortId", cohortId);
        body.put("learners", new ArrayList<>(learners));
        return body;
    }

    /** A provider's open cohort of a published micro-credential, ready for its completion. */
    public record Scheduled(String providerId, String achievementId, String cohortId) {
    }

    /**
     * Registers a provider (naming learners in its credentials), publishes the complete test micro-credential
     * and schedules a cohort of it in Quebec, hybrid, taught in French (fr-CA).
     */
    public static Scheduled schedule() {
        return schedule(ProviderFixtures.register());
    }

    public static Scheduled schedule(String providerId) {
        return schedule(providerId, AchievementFixtures.published(providerId));
    }

    /** Another cohort of an achievement already published. */
    public static Scheduled schedule(String providerId, String achievementId) {
        Map<String, Object> cohort = new HashMap<>();
        cohort.put("startDate", "2026-09-08");
        cohort.put("endDate", "2026-12-18");
        cohort.put("province", "QC");
        cohort.put("region", "Montérégie");
        cohort.put("deliveryMode", "HYBRID");
        cohort.put("language", "fr-CA");
        cohort.put("capacity", 10_000);
        String cohortId = given().auth().oauth2(DevTokens.provider(providerId)).contentType(JSON_UTF8).body(cohort)
                .post("/providers/{p}/achievements/{a}/cohorts", providerId, achievementId)
                .then().statusCode(201).extract().path("id");
        return new Scheduled(providerId, achievementId, cohortId);
    }

    /** Posts a CSV completion of the cohort. */
    public static Response postCsv(String token, String idempotencyKey, String cohortId, String csv,
                                   Map<String, String> params) {
        var request = given().auth().oauth2(token).contentType("text/csv; charset=utf-8")
                .body(csv.getBytes(StandardCharsets.UTF_8)).queryParam("cohortId", cohortId);
        params.forEach(request::queryParam);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/completions");
    }

    /** Four learners: two graduates who consented, one who passed without consenting, one who failed. */
    public static List<Map<String, Object>> mixedCohort() {
        return List.of(
                learner("Amélie Tremblay", "Amelie.Tremblay@Example.ca", true, true,
                        "https://portfolio.example.ca/amelie/capstone"),
                learner("Jordan Smith", "jordan.smith@example.ca", true, false),
                learner("Priya Natarajan", "priya.n@example.ca", false, true),
                learner("Noah Gagnon", "noah.gagnon@example.ca", true, true));
    }

    public static Response post(String token, String idempotencyKey, Object body) {
        var request = given().auth().oauth2(token).contentType(JSON_UTF8).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/completions");
    }

    public static Response postAsProvider(String providerId, String idempotencyKey, Object body) {
        return post(DevTokens.provider(providerId), idempotencyKey, body);
    }

    /** Waits until every credential is issued and the completion is COMPLETED. */
    public static void awaitCompleted(String providerId, String completionId) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .auth().oauth2(DevTokens.provider(providerId))
                .get("/completions/{id}", completionId)
                .then().statusCode(200).body("status", equalTo("COMPLETED")));
    }
}
