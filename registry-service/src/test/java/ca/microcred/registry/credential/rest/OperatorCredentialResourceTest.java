package ca.microcred.registry.credential.rest;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.registry.support.TestEvents;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class OperatorCredentialResourceTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @Test
    void operatorSeesTheFullRecordWithTheCredentialAsIssued() throws Exception {
        String credentialId = TestEvents.newId("cred");
        String hash = TestEvents.recipientHash();
        CredentialIssued issued = TestEvents.issued(credentialId, "ach-data", "prov-laurentien", "cohort-a", hash);
        TestEvents.publish(issued);
        awaitRecorded(credentialId);

        String body = given().auth().oauth2(DevTokens.operator())
                .get("/operator/credentials/{id}", credentialId)
                .then().statusCode(200)
                .contentType("application/json")
                .body("credentialId", equalTo(credentialId))
                .body("achievementId", equalTo("ach-data"))
                .body("providerId", equalTo("prov-laurentien"))
                .body("cohortId", equalTo("cohort-a"))
                .body("recipientHash", equalTo(hash))
                .body("proofFormat", equalTo("none"))
                .body("issuedAt", equalTo(issued.issuedAt().toString()))
                .body("validFrom", equalTo(issued.validFrom().toString()))
                .body("publicUrl", equalTo(issued.publicUrl()))
                .body("status", equalTo("ACTIVE"))
                .body("statusHistory", hasSize(0))
                .extract().asString();
        JsonNode credential = new EventCodec().mapper().readTree(body).get("credential");
        assertEquals(issued.credential(), credential, "the document exactly as issued");
    }

    @Test
    void operatorFindsALearnersCredentialsByRecipientHashNewestFirst() {
        String hash = TestEvents.recipientHash();
        String providerId = TestEvents.newId("prov");
        CredentialIssued older = TestEvents.issued(TestEvents.newId("cred"), "ach-older", providerId, "c-1", hash);
        CredentialIssued newer = TestEvents.issued(TestEvents.newId("cred"), "ach-newer", providerId, "c-2", hash);
        newer = new CredentialIssued(newer.credentialId(), newer.achievementId(), newer.providerId(),
                newer.cohortId(), newer.recipientHash(), newer.recipientSalt(),
                newer.issuedAt().plus(1, ChronoUnit.DAYS), newer.validFrom(), null, "none", newer.credential(),
                null, newer.publicUrl());
        TestEvents.publish(older);
        TestEvents.publish(newer);
        TestEvents.publish(TestEvents.issued(TestEvents.newId("cred"), providerId));
        awaitRecorded(older.credentialId());
        awaitRecorded(newer.credentialId());

        given().auth().oauth2(DevTokens.operator())
                .queryParam("recipientHash", hash.toUpperCase().replace("SHA256$", "sha256$"))
                .get("/operator/credentials")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("page", equalTo(0))
                .body("size", equalTo(20))
                .body("items.credentialId", contains(newer.credentialId(), older.credentialId()));

        given().auth().oauth2(DevTokens.operator())
                .queryParam("recipientHash", hash).queryParam("page", 1).queryParam("size", 1)
                .get("/operator/credentials")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.credentialId", contains(older.credentialId()));
    }

    @Test
    void badRecipientLookupsAre400ProblemsNamingEveryParameter() {
        given().auth().oauth2(DevTokens.operator())
                .get("/operator/credentials")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("recipientHash"))
                .body("violations[0].message", equalTo("is required"));

        given().auth().oauth2(DevTokens.operator())
                .queryParam("recipientHash", "md5$abc")
                .get("/operator/credentials")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("recipientHash"));

        given().auth().oauth2(DevTokens.operator())
                .queryParam("recipientHash", TestEvents.recipientHash())
                .queryParam("page", "-1").queryParam("size", "101")
                .get("/operator/credentials")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("page", "size"))
                .body("violations[1].message", equalTo("must be a whole number from 1 to 100"));

        given().auth().oauth2(DevTokens.operator())
                .queryParam("recipientHash", TestEvents.recipientHash())
                .queryParam("size", "ten")
                .get("/operator/credentials")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("size"));
    }

    @Test
    void unknownCredentialIs404AndMalformedIdIs400ForOperatorsToo() {
        given().auth().oauth2(DevTokens.operator())
                .get("/operator/credentials/{id}", "cred-never-issued")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("Credential 'cred-never-issued' does not exist"));
        given().auth().oauth2(DevTokens.operator())
                .get("/operator/credentials/{id}", "x".repeat(201))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("credentialId"));
    }

    @Test
    void withoutATokenIs401Problem() {
        given().get("/operator/credentials/{id}", "cred-any")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401));
    }

    @Test
    void untrustedOrExpiredTokenIs401Problem() {
        for (String token : List.of(
                DevTokens.signedByOtherKey("operator", Set.of(DevTokens.OPERATOR), Map.of()),
                DevTokens.expired("operator", Set.of(DevTokens.OPERATOR), Map.of()))) {
            given().auth().oauth2(token)
                    .get("/operator/credentials/{id}", "cred-any")
                    .then().statusCode(401)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void providerAndEmployerTokensAre403Problem() {
        for (String token : List.of(DevTokens.provider("prov-laurentien"), DevTokens.employer("emp-1"))) {
            given().auth().oauth2(token)
                    .get("/operator/credentials/{id}", "cred-any")
                    .then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("status", equalTo(403))
                    .body("title", equalTo("Forbidden"));
            given().auth().oauth2(token)
                    .queryParam("recipientHash", TestEvents.recipientHash())
                    .get("/operator/credentials")
                    .then().statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    private static void awaitRecorded(String credentialId) {
        await().atMost(EVENTUALLY).until(() -> given().get("/credentials/{id}", credentialId).statusCode() == 200);
    }
}
