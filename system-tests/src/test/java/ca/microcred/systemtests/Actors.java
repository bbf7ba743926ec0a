package ca.microcred.systemtests;

import ca.microcred.devstack.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** What providers, operators and employers do through the public APIs, as the scenarios need it. */
public final class Actors {

    public static final String JSON_UTF8 = ContentType.JSON.withCharset(StandardCharsets.UTF_8);

    private final SystemUnderTest system;

    public Actors(SystemUnderTest system) {
        this.system = system;
    }

    /** An operator registers the provider in issuer-service, then accredits it in the registry once it is known there. */
    public void registerAndAccredit(String providerId) {
        given().auth().oauth2(DevTokens.operator()).contentType(JSON_UTF8)
                .body(Map.of("id", providerId,
                        "name", Map.of("en", "Polytechnic " + providerId, "fr", "Polytechnique " + providerId),
                        "url", "https://" + providerId + ".example.ca", "email", "registrariat@" + providerId + ".example.ca",
                        "province", "QC", "providerType", "UNIVERSITY"))
                .post(system.issuer.baseUrl() + "/providers")
                .then().log().ifValidationFails().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get(system.registry.baseUrl() + "/providers/" + providerId).then().statusCode(200));
        accreditation(providerId, "ACCREDITED", "Recognised by the Quebec ministry");
    }

    public void accreditation(String providerId, String decision, String reason) {
        given().auth().oauth2(DevTokens.operator()).contentType(JSON_UTF8)
                .body(Map.of("decision", decision, "reason", reason))
                .post(system.registry.baseUrl() + "/operator/providers/" + providerId + "/accreditation")
                .then().log().ifValidationFails().statusCode(200);
    }

    /** Defines and publishes a micro-credential meeting the framework's five must-haves; returns its id. */
    public String publishAchievement(String providerId, String skillCode, String occupation) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", Map.of("en", "Applied Data Science", "fr", "Science des données appliquée"));
        body.put("description", Map.of("en", "Clean, model and explain business data.",
                "fr", "Nettoyer, modéliser et expliquer des données d'affaires."));
        body.put("criteria", Map.of("en", "Deliver the capstone and pass the practical assessment.",
                "fr", "Livrer le projet intégrateur et réussir l'évaluation pratique."));
        body.put("learningOutcomes", List.of(Map.of("en", "Build a predictive model", "fr", "Bâtir un modèle prédictif")));
        body.put("skills", List.of(Map.of("framework", "ESCO", "code", skillCode, "name", "analyse data",
                "url", "http://data.europa.eu/esco/skill/" + skillCode)));
        body.put("assessment", Map.of("type", "PROJECT", "competencyBased", true));
        body.put("portfolioEvidenceRequired", true);
        body.put("qualityAssuranceBody", Map.of("name", "Commission d'évaluation de l'enseignement collégial",
                "url", "https://www.ceec.gouv.qc.ca"));
        body.put("deliveryMode", "ONLINE");
        body.put("selfPaced", true);
        body.put("workloadHours", 60);
        body.put("level", "Intermediate");
        body.put("languages", List.of("fr-CA", "en"));
        body.put("occupations", List.of(occupation));
        body.put("sector", "Professional, scientific and technical services");
        String id = given().auth().oauth2(DevTokens.provider(providerId)).contentType(JSON_UTF8).body(body)
                .post(system.issuer.baseUrl() + "/providers/" + providerId + "/achievements")
                .then().log().ifValidationFails().statusCode(201).extract().path("id");
        given().auth().oauth2(DevTokens.provider(providerId))
                .post(system.issuer.baseUrl() + "/providers/" + providerId + "/achievements/" + id + "/publish")
                .then().log().ifValidationFails().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get(system.registry.baseUrl() + "/catalogue/" + id).then().statusCode(200));
        return id;
    }

    public String scheduleCohort(String providerId, String achievementId, int capacity) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return given().auth().oauth2(DevTokens.provider(providerId)).contentType(JSON_UTF8)
                .body(Map.of("startDate", today.minusWeeks(10).toString(), "endDate", today.toString(),
                        "province", "QC", "deliveryMode", "ONLINE", "language", "fr-CA", "capacity", capacity))
                .post(system.issuer.baseUrl() + "/providers/" + providerId + "/achievements/" + achievementId + "/cohorts")
                .then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    public void createEmployer(String employerId, String contactEmail, String language) {
        given().auth().oauth2(DevTokens.employer(employerId)).contentType(JSON_UTF8)
                .body(Map.of("organisationName", "Entreprise " + employerId, "contactEmail", contactEmail,
                        "preferredLanguage", language, "provincesOfInterest", List.of("QC")))
                .post(system.notification.baseUrl() + "/employers")
                .then().log().ifValidationFails().statusCode(201);
    }

    /** Subscribes and returns the answer (the webhook secret is shown once, in it). */
    public JsonPath subscribe(String employerId, Map<String, Object> request) {
        return given().auth().oauth2(DevTokens.employer(employerId)).contentType(JSON_UTF8).body(request)
                .post(system.notification.baseUrl() + "/subscriptions")
                .then().log().ifValidationFails().statusCode(201).extract().jsonPath();
    }

    public static Map<String, Object> learner(String name, String email, boolean passed, boolean consent,
                                       List<String> portfolioLinks) {
        return Map.of("name", name, "email", email, "passed", passed, "consentToEmployerContact", consent,
                "portfolioLinks", portfolioLinks);
    }

    /**
     * Posts a cohort's results and returns the accepted job: as JSON, or as CSV (the documented columns) for cohorts
     * too large for a JSON body.
     */
    public JsonPath completeCohort(String providerId, String achievementId, String cohortId,
                                   List<Map<String, Object>> learners, String proofFormat) {
        if (learners.size() > 1_000) {
            return completeCohortAsCsv(providerId, cohortId, learners, proofFormat);
        }
        Map<String, Object> body = new HashMap<>(Map.of("cohortId", cohortId, "achievementId", achievementId,
                "learners", learners));
        if (proofFormat != null) {
            body.put("proofFormat", proofFormat);
        }
        return given().auth().oauth2(DevTokens.provider(providerId))
                .header("Idempotency-Key", "completion-" + UUID.randomUUID())
                .contentType(JSON_UTF8).body(body)
                .post(system.issuer.baseUrl() + "/completions")
                .then().log().ifValidationFails().statusCode(202).extract().jsonPath();
    }

    @SuppressWarnings("unchecked")
    private JsonPath completeCohortAsCsv(String providerId, String cohortId, List<Map<String, Object>> learners,
                                         String proofFormat) {
        StringBuilder csv = new StringBuilder("email,name,passed,evidence_urls,consent_employer_contact\n");
        for (Map<String, Object> learner : learners) {
            csv.append(learner.get("email")).append(',').append('"').append(learner.get("name")).append('"').append(',')
                    .append(learner.get("passed")).append(',')
                    .append(String.join(" ", (List<String>) learner.get("portfolioLinks"))).append(',')
                    .append(learner.get("consentToEmployerContact")).append('\n');
        }
        var request = given().auth().oauth2(DevTokens.provider(providerId))
                .header("Idempotency-Key", "completion-" + UUID.randomUUID())
                .queryParam("cohortId", cohortId)
                .contentType("text/csv; charset=UTF-8").body(csv.toString().getBytes(StandardCharsets.UTF_8));
        if (proofFormat != null) {
            request.queryParam("proofFormat", proofFormat);
        }
        return request.post(system.issuer.baseUrl() + "/completions")
                .then().log().ifValidationFails().statusCode(202).extract().jsonPath();
    }
}
