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

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

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
    private static Actors actors;
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
        actors = new Actors(system);
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
        actors.registerAndAccredit(PROVIDER);
        achievementId = actors.publishAchievement(PROVIDER, SKILL_CODE, OCCUPATION);
        cohortId = actors.scheduleCohort(PROVIDER, achievementId, 30);
        hiringSecret = actors.subscribe(HIRING_EMPLOYER, Map.of(
                "skills", List.of(Map.of("framework", "ESCO", "code", SKILL_CODE)),
                "webhookUrl", receiver.url("/hiring"))).getString("secret");
        actors.createEmployer(MAILED_EMPLOYER, MAILBOX, "fr");
        actors.subscribe(MAILED_EMPLOYER, Map.of("occupations", List.of(OCCUPATION), "channel", "email", "email", MAILBOX));
        actors.subscribe(OTHER_EMPLOYER, Map.of(
                "skills", List.of(Map.of("framework", "ESCO", "code", "S9.9.9")),
                "webhookUrl", receiver.url("/other")));

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
        actors.accreditation(PROVIDER, "SUSPENDED", "Quality assurance review opened by the province");

        String id = credentialIds.get(1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath answer = given().get(system.verification.baseUrl() + "/verifications/" + id)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(answer.getBoolean("verified")).isFalse();
            assertThat(outcome(answer, "issuer-accreditation")).isEqualTo("FAIL");
            assertThat(outcome(answer, "status")).isEqualTo("PASS");
        });
    }

    private static JsonPath postCompletion() {
        return actors.completeCohort(PROVIDER, achievementId, cohortId, List.of(
                Actors.learner("Amélie Tremblay", "amelie.tremblay@example.ca", true, true,
                        List.of("https://portfolio.example.ca/amelie/capstone")),
                Actors.learner("Jordan Smith", "jordan.smith@example.ca", true, false, List.of()),
                Actors.learner("Priya Natarajan", "priya.n@example.ca", false, true, List.of())), null);
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
