package ca.microcred.systemtests;

import ca.microcred.contracts.Topics;
import ca.microcred.devstack.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The walking skeleton end to end: the four packaged services as separate processes on a real broker and store.
 * An operator registers a provider, which publishes a micro-credential and reports a cohort's completion; the
 * registry records the signed credentials, verification answers for them (proof checked against the provider's
 * did:web document), and the subscribed employer's webhook receives the consenting graduates, once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonIT {

    private static final String PROVIDER = "prov-system-college";
    private static final String EMPLOYER = "emp-system-analytics";
    private static String achievement;

    private static SystemUnderTest system;
    private static WebhookReceiver receiver;
    private static ServiceProcess issuer;
    private static ServiceProcess registry;
    private static ServiceProcess verification;
    private static ServiceProcess notification;
    private static String webhookSecret;

    @BeforeAll
    static void startSystem() throws Exception {
        receiver = new WebhookReceiver();
        system = SystemUnderTest.start(Map.of());
        issuer = system.issuer;
        registry = system.registry;
        verification = system.verification;
        notification = system.notification;

        registerProviderAndPublishAchievement();
        JsonPath subscription = given().auth().oauth2(DevTokens.employer(EMPLOYER))
                .contentType(ContentType.JSON)
                .body(Map.of("achievementIds", List.of(achievement), "webhookUrl", receiver.url()))
                .post(notification.baseUrl() + "/subscriptions")
                .then().statusCode(201).extract().jsonPath();
        webhookSecret = subscription.getString("secret");
        assertThat(webhookSecret).isNotBlank();
    }

    /** What a provider does before its first completion: be registered, accredited, and publish a micro-credential. */
    private static void registerProviderAndPublishAchievement() {
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON.withCharset(StandardCharsets.UTF_8))
                .body(Map.of("id", PROVIDER,
                        "name", Map.of("en", "System College", "fr", "Collège système"),
                        "url", "https://college.example.ca", "email", "registrar@college.example.ca",
                        "province", "ON", "providerType", "COLLEGE", "includeLearnerName", false))
                .post(issuer.baseUrl() + "/providers").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get(registry.baseUrl() + "/providers/" + PROVIDER).then().statusCode(200));
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("decision", "ACCREDITED", "reason", "Recognised public college"))
                .post(registry.baseUrl() + "/operator/providers/" + PROVIDER + "/accreditation")
                .then().statusCode(org.hamcrest.Matchers.lessThan(300));

        Map<String, Object> definition = new java.util.HashMap<>();
        definition.put("name", Map.of("en", "Applied Data Analytics", "fr", "Analyse de données appliquée"));
        definition.put("description", Map.of("en", "Clean, analyse and present business data.",
                "fr", "Nettoyer, analyser et présenter des données d'affaires."));
        definition.put("criteria", Map.of("en", "Pass the capstone project.", "fr", "Réussir le projet intégrateur."));
        definition.put("learningOutcomes", List.of(Map.of("en", "Build a dashboard", "fr", "Créer un tableau de bord")));
        definition.put("skills", List.of(Map.of("framework", "ESCO", "code", "S5.5.1", "name", "analyse big data",
                "url", "http://data.europa.eu/esco/skill/2a8d8e7d-3e3b-4b8f-8d1d-52b5b6a1e8d5")));
        definition.put("assessment", Map.of("type", "PROJECT", "competencyBased", true));
        definition.put("portfolioEvidenceRequired", true);
        definition.put("deliveryMode", "ONLINE");
        definition.put("selfPaced", true);
        definition.put("workloadHours", 40);
        definition.put("level", "Intermediate");
        definition.put("languages", List.of("en", "fr-CA"));
        String token = DevTokens.provider(PROVIDER);
        achievement = given().auth().oauth2(token).contentType(ContentType.JSON.withCharset(StandardCharsets.UTF_8))
                .body(definition).post(issuer.baseUrl() + "/providers/" + PROVIDER + "/achievements")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(token)
                .post(issuer.baseUrl() + "/providers/" + PROVIDER + "/achievements/" + achievement + "/publish")
                .then().statusCode(200);
    }

    /** A new cohort of the published micro-credential. */
    private static String newCohort() {
        return given().auth().oauth2(DevTokens.provider(PROVIDER)).contentType(ContentType.JSON)
                .body(Map.of("startDate", "2026-09-08", "endDate", "2026-12-18", "province", "ON",
                        "deliveryMode", "ONLINE", "language", "en", "capacity", 30))
                .post(issuer.baseUrl() + "/providers/" + PROVIDER + "/achievements/" + achievement + "/cohorts")
                .then().statusCode(201).extract().path("id");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    @Order(1)
    void completionReachesRegistryVerificationAndTheSubscribedEmployer() throws Exception {
        String cohort = newCohort();
        JsonPath accepted = postCompletion(cohort, "first-" + cohort);
        List<String> credentialIds = accepted.getList("credentials.credentialId");
        assertThat(credentialIds).hasSize(2);

        for (String id : credentialIds) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                    .get(registry.baseUrl() + "/credentials/" + id)
                    .then().statusCode(200)
                    .body("credentialId", equalTo(id))
                    .body("achievementId", equalTo(achievement))
                    .body("providerId", equalTo(PROVIDER))
                    .body("status", equalTo("ACTIVE")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                    .get(verification.baseUrl() + "/verifications/" + id)
                    .then().statusCode(200)
                    .body("credentialId", equalTo(id))
                    .body("verified", equalTo(true))
                    .body("checks.find { it.check == 'status' }.outcome", equalTo("PASS"))
                    .body("checks.find { it.check == 'proof' }.outcome", equalTo("PASS")));
        }

        List<WebhookReceiver.Received> webhooks = awaitWebhooksFor(cohort, 1);
        WebhookReceiver.Received webhook = webhooks.get(0);
        assertThat(webhook.signedWith(webhookSecret)).as("signature under the subscription secret").isTrue();
        JsonPath body = JsonPath.from(webhook.body());
        assertThat(body.getString("data.cohortId")).isEqualTo(cohort);
        assertThat(body.getString("data.achievementId")).isEqualTo(achievement);
        assertThat(body.getString("data.providerId")).isEqualTo(PROVIDER);
        assertThat(body.getString("data.achievementName.fr")).isEqualTo("Analyse de données appliquée");
        List<Map<String, Object>> graduates = body.getList("data.graduates");
        assertThat(graduates).hasSize(1);
        assertThat(graduates.get(0)).containsEntry("name", "Amélie Tremblay")
                .containsEntry("email", "amelie.tremblay@example.ca");
        assertThat((List<Object>) graduates.get(0).get("portfolioLinks"))
                .containsExactly("https://portfolio.example.ca/amelie/capstone");
        assertThat((String) graduates.get(0).get("verifyUrl")).endsWith("/verifications/" + graduates.get(0).get("credentialId"));
    }

    @Test
    @Order(2)
    void issuerKilledBetweenAcceptAndPublishLosesAndDoublesNothing() throws Exception {
        issuer.close();
        // the relay holds every event: the completion is accepted and stored, nothing is published yet
        system.startIssuer("-Dmicrocred.outbox.enabled=false");
        String cohort = newCohort();
        List<String> credentialIds = postCompletion(cohort, "crash-" + cohort).getList("credentials.credentialId");
        assertThat(credentialIds).hasSize(2);
        given().get(registry.baseUrl() + "/credentials/" + credentialIds.get(0)).then().statusCode(404);

        issuer.kill();
        system.startIssuer();

        for (String id : credentialIds) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                    .get(registry.baseUrl() + "/credentials/" + id).then().statusCode(200));
        }
        awaitWebhooksFor(cohort, 1);
        Map<String, Integer> published = EventLog.count(system.kafka.bootstrapServers(), Topics.CREDENTIALS,
                EventLog.CREDENTIAL_ISSUED, credentialIds);
        assertThat(published).containsExactlyInAnyOrderEntriesOf(
                Map.of(credentialIds.get(0), 1, credentialIds.get(1), 1));
        // a late duplicate would show up as a second webhook
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> webhooksFor(cohort).size() == 1);
    }

    private JsonPath postCompletion(String cohort, String idempotencyKey) {
        Map<String, Object> body = Map.of(
                "cohortId", cohort,
                "learners", List.of(
                        Map.of("name", "Amélie Tremblay", "email", "amelie.tremblay@example.ca", "passed", true,
                                "consentToEmployerContact", true,
                                "portfolioLinks", List.of("https://portfolio.example.ca/amelie/capstone")),
                        Map.of("name", "Jordan Smith", "email", "jordan.smith@example.ca", "passed", true,
                                "consentToEmployerContact", false, "portfolioLinks", List.of()),
                        Map.of("name", "Priya Natarajan", "email", "priya.n@example.ca", "passed", false,
                                "consentToEmployerContact", true, "portfolioLinks", List.of())));
        return given().auth().oauth2(DevTokens.provider(PROVIDER))
                .header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON.withCharset(StandardCharsets.UTF_8))
                .body(body)
                .post(issuer.baseUrl() + "/completions")
                .then().statusCode(202).extract().jsonPath();
    }

    private static List<WebhookReceiver.Received> webhooksFor(String cohort) {
        return receiver.received().stream()
                .filter(r -> cohort.equals(JsonPath.from(r.body()).getString("data.cohortId")))
                .toList();
    }

    private static List<WebhookReceiver.Received> awaitWebhooksFor(String cohort, int expected) {
        await().atMost(Duration.ofSeconds(60)).until(() -> webhooksFor(cohort).size() >= expected);
        List<WebhookReceiver.Received> received = webhooksFor(cohort);
        assertThat(received).hasSize(expected);
        return received;
    }
}
