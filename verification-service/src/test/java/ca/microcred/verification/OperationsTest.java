package ca.microcred.verification;

import ca.microcred.contracts.events.CredentialRevoked.Action;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.verification.support.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

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
