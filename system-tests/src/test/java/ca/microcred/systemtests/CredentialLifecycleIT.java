package ca.microcred.systemtests;

import ca.microcred.devstack.DevTokens;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A credential's life across the four services, as providers, employers and operators see it: a provider defines,
 * schedules and completes a cohort; the registry counts it in its statistics and records each credential; the
 * matching employers get exactly one signed webhook or one email each, the others nothing; verification accepts the
 * credential by value and by reference, then refuses it after the provider revokes it (status) and after a registry
 * operator suspends the provider (accreditation).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CredentialLifecycleIT {

    private static final String PROVIDER = "prov-lifecycle-polytechnique";
    private static final String HIRING_EMPLOYER = "emp-lifecycle-hiring";
    private static final String MAILED_EMPLOYER = "emp-lifecycle-mailed";
    private static final String OTHER_EMPLOYER = "emp-lifecycle-other";
    private static final String SKILL_CODE = "S5.6.1";
    private static final String OCCUPATION = "21211";
    private static final String MAILBOX = "recrutement@entreprise.example.ca";

    private static SystemUnderTest system;
    private static GreenMail smtp;
    private static WebhookReceiver receiver;
    private static String hiringSecret;
    private static String achievementId;
    private static String cohortId;
    private static List<String> credentialIds;

    @BeforeAll
    static void startSystem() throws Exception {
        smtp = new GreenMail(new ServerSetup(ServiceProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        receiver = new WebhookReceiver();
        system = SystemUnderTest.start(Map.of(
                "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "SMTP_START_TLS", "DISABLED"));
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    @Order(1)
    void aCompletedCohortIsCountedRecordedAnnouncedAndVerifiable() throws Exception {
        registerAndAccreditProvider();
        achievementId = publishAchievement();
        cohortId = scheduleCohort(achievementId);
        hiringSecret = subscribe(HIRING_EMPLOYER, Map.of(
                "skills", List.of(Map.of("framework", "ESCO", "code", SKILL_CODE)),
                "webhookUrl", receiver.url("/hiring")));
        createEmployer(MAILED_EMPLOYER, "fr");
        subscribe(MAILED_EMPLOYER, Map.of("occupations", List.of(OCCUPATION), "channel", "email", "email", MAILBOX));
        subscribe(OTHER_EMPLOYER, Map.of(
                "skills", List.of(Map.of("framework", "ESCO", "code", "S9.9.9")),
                "webhookUrl", receiver.url("/other")));
        awaitCatalogueListsAchievement();

        credentialIds = postCompletion().getList("credentials.credentialId");
        assertThat(credentialIds).as("two learners passed").hasSize(2);

        // the registry: one record per credential, the cohort's figures, and the public statistics
        for (String id : credentialIds) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                    .get(system.registry.baseUrl() + "/credentials/" + id)
                    .then().statusCode(200)
                    .body("achievementId", equalTo(achievementId))
                    .body("providerId", equalTo(PROVIDER))
                    .body("status", equalTo("ACTIVE")));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get(system.registry.baseUrl() + "/cohorts/" + cohortId)
                .then().statusCode(200)
                .body("enrolled", equalTo(3))
                .body("passed", equalTo(2)));
        JsonPath stats = given().get(system.registry.baseUrl() + "/stats").then().statusCode(200).extract().jsonPath();
        assertThat(stats.getLong("providersByState.ACCREDITED")).isGreaterThanOrEqualTo(1);
        String thisMonth = YearMonth.now(ZoneOffset.UTC).toString();
        assertThat(stats.getLong("credentialsIssuedPerMonth.find { it.month == '" + thisMonth + "' }.count"))
                .isEqualTo(2);
        Map<String, Object> rate = stats.getMap("completionRates.find { it.achievementId == '" + achievementId + "' }");
        assertThat(rate).as("completion rate of the micro-credential").isNotNull()
                .containsEntry("providerId", PROVIDER)
                .containsEntry("passed", 2);
        assertThat(stats.getLong("microCredentials.bySkillFramework.ESCO")).isGreaterThanOrEqualTo(1);

        // the employers: one signed webhook for the skill subscription, one French email, nothing for the other
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received("/hiring").size() >= 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> smtp.getReceivedMessages().length >= 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                receiver.received("/hiring").size() == 1 && smtp.getReceivedMessages().length == 1);
        assertThat(receiver.received("/other")).as("non-matching subscription").isEmpty();

        WebhookReceiver.Received webhook = receiver.received("/hiring").get(0);
        assertThat(webhook.signedWith(hiringSecret)).as("signed with the subscription secret").isTrue();
        JsonPath event = JsonPath.from(webhook.body());
        assertThat(event.getString("data.cohortId")).isEqualTo(cohortId);
        assertThat(event.getString("data.achievementName.fr")).isEqualTo("Science des données appliquée");
        assertThat(event.getList("data.graduates.email")).containsExactly("amelie.tremblay@example.ca");

        MimeMessage email = smtp.getReceivedMessages()[0];
        assertThat(email.getAllRecipients()).extracting(Object::toString).containsExactly(MAILBOX);
        String text = GreenMailUtil.getBody(email);
        assertThat(email.getSubject() + text).contains("Science des donn");
        assertThat(text).contains("Tremblay").doesNotContain("Jordan");

        // verification: by value (both proof formats) and by reference
        for (String id : credentialIds) {
            byte[] credential = given().get(system.issuer.baseUrl() + "/credentials/" + id)
                    .then().statusCode(200).extract().asByteArray();
            assertVerified(given().contentType("application/ld+json").body(credential)
                    .post(system.verification.baseUrl() + "/verifications").then().statusCode(200)
                    .extract().jsonPath(), true);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertVerified(given()
                    .get(system.verification.baseUrl() + "/verifications/" + id).then().statusCode(200)
                    .extract().jsonPath(), true));
        }
    }

    @Test
    @Order(2)
    void aRevokedCredentialFailsOnStatus() {
        String revoked = credentialIds.get(0);
        given().auth().oauth2(DevTokens.provider(PROVIDER)).contentType(ContentType.JSON)
                .body(Map.of("reason", "Assessment misconduct confirmed by the academic integrity office"))
                .post(system.issuer.baseUrl() + "/credentials/" + revoked + "/revoke")
                .then().statusCode(200).body("status", equalTo("revoked"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get(system.registry.baseUrl() + "/credentials/" + revoked)
                .then().statusCode(200).body("status", equalTo("REVOKED")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath answer = given().get(system.verification.baseUrl() + "/verifications/" + revoked)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(answer.getBoolean("verified")).isFalse();
            assertThat(outcome(answer, "status")).isEqualTo("FAIL");
        });
        byte[] credential = given().get(system.issuer.baseUrl() + "/credentials/" + revoked)
                .then().statusCode(200).extract().asByteArray();
        JsonPath byValue = given().contentType("application/ld+json").body(credential)
                .post(system.verification.baseUrl() + "/verifications").then().statusCode(200).extract().jsonPath();
        assertThat(byValue.getBoolean("verified")).isFalse();
        assertThat(outcome(byValue, "status")).isEqualTo("FAIL");
        assertThat(outcome(byValue, "proof")).as("the signature itself is still sound").isEqualTo("PASS");

        // the other graduate's credential is untouched
        assertVerified(given().get(system.verification.baseUrl() + "/verifications/" + credentialIds.get(1))
                .then().statusCode(200).extract().jsonPath(), true);
    }

    @Test
    @Order(3)
    void anOperatorSuspensionReachesVerificationAsAFailedAccreditation() {
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("decision", "SUSPENDED", "reason", "Quality assurance review opened by the province"))
                .post(system.registry.baseUrl() + "/operator/providers/" + PROVIDER + "/accreditation")
                .then().statusCode(200);

        String id = credentialIds.get(1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath answer = given().get(system.verification.baseUrl() + "/verifications/" + id)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(answer.getBoolean("verified")).isFalse();
            assertThat(outcome(answer, "issuer-accreditation")).isEqualTo("FAIL");
            assertThat(outcome(answer, "status")).isEqualTo("PASS");
        });
    }

    private static void registerAndAccreditProvider() {
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON.withCharset(StandardCharsets.UTF_8))
                .body(Map.of("id", PROVIDER,
                        "name", Map.of("en", "Lifecycle Polytechnic", "fr", "Polytechnique du cycle de vie"),
                        "url", "https://polytechnique.example.ca", "email", "registrariat@polytechnique.example.ca",
                        "province", "QC", "providerType", "UNIVERSITY"))
                .post(system.issuer.baseUrl() + "/providers")
                .then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get(system.registry.baseUrl() + "/providers/" + PROVIDER).then().statusCode(200));
        given().auth().oauth2(DevTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("decision", "ACCREDITED", "reason", "Recognised by the Quebec ministry"))
                .post(system.registry.baseUrl() + "/operator/providers/" + PROVIDER + "/accreditation")
                .then().statusCode(200);
    }

    private static String publishAchievement() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", Map.of("en", "Applied Data Science", "fr", "Science des données appliquée"));
        body.put("description", Map.of("en", "Clean, model and explain business data.",
                "fr", "Nettoyer, modéliser et expliquer des données d'affaires."));
        body.put("criteria", Map.of("en", "Deliver the capstone and pass the practical assessment.",
                "fr", "Livrer le projet intégrateur et réussir l'évaluation pratique."));
        body.put("learningOutcomes", List.of(Map.of("en", "Build a predictive model", "fr", "Bâtir un modèle prédictif")));
        body.put("skills", List.of(Map.of("framework", "ESCO", "code", SKILL_CODE, "name", "analyse data",
                "url", "http://data.europa.eu/esco/skill/" + SKILL_CODE)));
        body.put("assessment", Map.of("type", "PROJECT", "competencyBased", true));
        body.put("portfolioEvidenceRequired", true);
        body.put("qualityAssuranceBody", Map.of("name", "Commission d'évaluation de l'enseignement collégial",
                "url", "https://www.ceec.gouv.qc.ca"));
        body.put("deliveryMode", "ONLINE");
        body.put("selfPaced", true);
        body.put("workloadHours", 60);
        body.put("level", "Intermediate");
        body.put("languages", List.of("fr-CA", "en"));
        body.put("occupations", List.of(OCCUPATION));
        body.put("sector", "Professional, scientific and technical services");
        String id = given().auth().oauth2(DevTokens.provider(PROVIDER))
                .contentType(ContentType.JSON.withCharset(StandardCharsets.UTF_8)).body(body)
                .post(system.issuer.baseUrl() + "/providers/" + PROVIDER + "/achievements")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(DevTokens.provider(PROVIDER))
                .post(system.issuer.baseUrl() + "/providers/" + PROVIDER + "/achievements/" + id + "/publish")
                .then().statusCode(200);
        return id;
    }

    private static String scheduleCohort(String achievement) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return given().auth().oauth2(DevTokens.provider(PROVIDER)).contentType(ContentType.JSON)
                .body(Map.of("startDate", today.minusWeeks(10).toString(), "endDate", today.toString(),
                        "province", "QC", "deliveryMode", "ONLINE", "language", "fr-CA", "capacity", 30))
                .post(system.issuer.baseUrl() + "/providers/" + PROVIDER + "/achievements/" + achievement + "/cohorts")
                .then().statusCode(201).extract().path("id");
    }

    private static void createEmployer(String employer, String language) {
        given().auth().oauth2(DevTokens.employer(employer)).contentType(ContentType.JSON)
                .body(Map.of("organisationName", "Entreprise " + employer, "contactEmail", MAILBOX,
                        "preferredLanguage", language, "provincesOfInterest", List.of("QC")))
                .post(system.notification.baseUrl() + "/employers")
                .then().statusCode(201);
    }

    /** Subscribes and returns the webhook secret (null for email). */
    private static String subscribe(String employer, Map<String, Object> request) {
        return given().auth().oauth2(DevTokens.employer(employer)).contentType(ContentType.JSON).body(request)
                .post(system.notification.baseUrl() + "/subscriptions")
                .then().statusCode(201).extract().path("secret");
    }

    /** The published micro-credential is in the public catalogue before its first cohort completes. */
    private static void awaitCatalogueListsAchievement() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get(system.registry.baseUrl() + "/catalogue/" + achievementId).then().statusCode(200));
    }

    private static JsonPath postCompletion() {
        List<Map<String, Object>> learners = new ArrayList<>();
        learners.add(Map.of("name", "Amélie Tremblay", "email", "amelie.tremblay@example.ca", "passed", true,
                "consentToEmployerContact", true,
                "portfolioLinks", List.of("https://portfolio.example.ca/amelie/capstone")));
        learners.add(Map.of("name", "Jordan Smith", "email", "jordan.smith@example.ca", "passed", true,
                "consentToEmployerContact", false, "portfolioLinks", List.of()));
        learners.add(Map.of("name", "Priya Natarajan", "email", "priya.n@example.ca", "passed", false,
                "consentToEmployerContact", true, "portfolioLinks", List.of()));
        Map<String, Object> body = Map.of(
                "cohortId", cohortId,
                "achievementId", achievementId,
                "achievementName", Map.of("en", "Applied Data Science", "fr", "Science des données appliquée"),
                "province", "QC",
                "deliveryMode", "ONLINE",
                "language", "fr",
                "learners", learners);
        return given().auth().oauth2(DevTokens.provider(PROVIDER))
                .header("Idempotency-Key", "lifecycle-" + UUID.randomUUID())
                .contentType(ContentType.JSON.withCharset(StandardCharsets.UTF_8)).body(body)
                .post(system.issuer.baseUrl() + "/completions")
                .then().log().ifValidationFails().statusCode(202).extract().jsonPath();
    }

    private static void assertVerified(JsonPath answer, boolean expected) {
        assertThat(answer.getBoolean("verified")).as("verified, checks: %s", answer.getList("checks"))
                .isEqualTo(expected);
        assertThat(outcome(answer, "proof")).isEqualTo("PASS");
        assertThat(outcome(answer, "issuer-accreditation")).isEqualTo("PASS");
        assertThat(outcome(answer, "status")).isEqualTo("PASS");
    }

    private static String outcome(JsonPath answer, String check) {
        return answer.getString("checks.find { it.check == '" + check + "' }.outcome");
    }
}
