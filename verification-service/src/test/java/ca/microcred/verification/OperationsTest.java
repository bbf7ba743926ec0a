package ca.microcred.verification;

import ca.microcred.contracts.events.CredentialRevoked.Action;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.verification.support.TestCredentials;
import ca.microcred.verification.support.TestCredentials.Issuer;
import ca.microcred.verification.support.TestEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static ca.microcred.verification.support.VerificationAnswers.awaitAnswerWhere;
import static ca.microcred.verification.support.VerificationAnswers.outcome;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class OperationsTest {

    @Test
    void readinessReportsKafkaAndMongo() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka connection health check", "MongoDB connection health check"));
    }

    @Test
    void verificationsAreCountedByOutcomeAndFailingCheck() {
        String credentialId = TestEvents.newId("cred");
        String providerId = TestEvents.newId("prov");
        TestEvents.publish(TestEvents.issued(credentialId, providerId));
        TestEvents.publish(TestEvents.statusChange(credentialId, providerId, Action.REVOKED, "Issued in error",
                TestEvents.now()));
        awaitAnswerWhere(credentialId, outcome("status"), "FAIL");

        double revokedBefore = counter("failed", "status");
        double unknownBefore = counter("unknown", "issued");
        given().get("/verifications/{id}", credentialId).then().statusCode(200);
        given().get("/verifications/{id}", credentialId).then().statusCode(200);
        given().get("/verifications/{id}", TestEvents.newId("never-issued")).then().statusCode(404);

        assertEquals(revokedBefore + 2, counter("failed", "status"));
        assertEquals(unknownBefore + 1, counter("unknown", "issued"));
    }

    @Test
    void apiDocsDescribeTheChecksAndProblems() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.description", containsString("eddsa-rdfc-2022"))
                .body("paths.'/verifications/{credentialId}'.get.description",
                        containsString("WARN when it was issued unsigned"))
                .body("paths.'/verifications'.post.responses.'415'.content", hasKey("application/problem+json"))
                .body("paths.'/verifications'.post.responses.'413'.content", hasKey("application/problem+json"))
                .body("paths.'/verifications/{credentialId}'.get.responses.'404'.content",
                        hasKey("application/problem+json"));
    }

    @Test
    void submittedCredentialsAreCountedByOutcomeAndFailingCheckWithoutLoggingTheLearner() {
        Issuer issuer = Issuer.generate();
        ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(issuer.did()), issuer);
        ObjectNode tampered = signed.deepCopy();
        ((ObjectNode) tampered.get("credentialSubject").get("identifier").get(0)).put("salt", "0ther");
        String subjectHash = signed.at("/credentialSubject/identifier/0/identityHash").asText();

        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            // proves the capture sees this service's log records, so an empty capture cannot pass for privacy
            org.jboss.logging.Logger.getLogger(OperationsTest.class).info("privacy probe");
            double verifiedBefore = counter("verified", "none");
            double proofBefore = counter("failed", "proof");
            given().contentType("application/ld+json").queryParam("recipientEmail", TestCredentials.LEARNER_EMAIL)
                    .body(signed.toString().getBytes(StandardCharsets.UTF_8))
                    .when().post("/verifications").then().statusCode(200).body("verified", equalTo(true));
            given().contentType("application/ld+json").queryParam("recipientEmail", TestCredentials.LEARNER_EMAIL)
                    .body(tampered.toString().getBytes(StandardCharsets.UTF_8))
                    .when().post("/verifications").then().statusCode(200).body("verified", equalTo(false));

            assertEquals(verifiedBefore + 1, counter("verified", "none"));
            assertEquals(proofBefore + 1, counter("failed", "proof"));
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(logged.stream().anyMatch(line -> line.contains("privacy probe")));
        for (String line : logged) {
            assertFalse(line.toLowerCase().contains(TestCredentials.LEARNER_EMAIL.toLowerCase()), line);
            assertFalse(line.contains(subjectHash), line);
            assertFalse(line.contains(TestCredentials.SALT), line);
        }
    }

    /** Current value of microcred_verifications_total for the labels, 0 when not yet counted. */
    private static double counter(String outcome, String failedCheck) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Pattern line = Pattern.compile("^microcred_verifications_total\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(metrics);
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("outcome=\"" + outcome + "\"") && labels.contains("failed_check=\"" + failedCheck + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
