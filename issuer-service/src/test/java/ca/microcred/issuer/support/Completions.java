package ca.microcred.issuer.support;

import ca.microcred.devstack.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
        body.put("achievementId", "ach-data-analytics");
        body.put("achievementName", Map.of("en", "Applied Data Analytics", "fr", "Analyse de données appliquée"));
        body.put("province", "QC");
        body.put("deliveryMode", "HYBRID");
        body.put("language", "fr");
        body.put("learners", new ArrayList<>(learners));
        return body;
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
