package ca.microcred.verification.verify.rest;

import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.verification.support.TestCredentials;
import ca.microcred.verification.support.TestCredentials.Issuer;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class VcApiResourceTest {

    private static ObjectNode request(Object credential) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        if (credential instanceof ObjectNode node) {
            request.set("verifiableCredential", node);
        } else {
            request.put("verifiableCredential", credential.toString());
        }
        request.putObject("options");
        return request;
    }

    @Test
    void aVerifiedCredentialAnswers200WithItsChecks() {
        given().contentType("application/json")
                .body(SubmittedVerificationTest.utf8(request(TestCredentials.officialVector()).toString()))
                .when().post("/credentials/verify")
                .then().statusCode(200)
                .body("verified", is(true))
                .body("checks", hasItem("proof"))
                .body("errors", empty())
                .body("warnings.title", hasItem("issuer-accreditation"));
    }

    @Test
    void aVcJwtIsAcceptedAsAString() {
        Issuer issuer = Issuer.generate();
        String jwt = TestCredentials.jwt(TestCredentials.unsigned(issuer.did()), issuer.key(),
                issuer.verificationMethod(), "EdDSA");
        given().contentType("application/json").body(SubmittedVerificationTest.utf8(request(jwt).toString()))
                .when().post("/credentials/verify")
                .then().statusCode(200).body("verified", is(true));
    }

    @Test
    void aTamperedCredentialAnswers400WithTheFailingCheck() {
        ObjectNode vector = TestCredentials.officialVector();
        vector.put("name", "Leadership Badge");
        given().contentType("application/json")
                .body(SubmittedVerificationTest.utf8(request(vector).toString()))
                .when().post("/credentials/verify")
                .then().statusCode(400)
                .contentType("application/json")
                .body("verified", is(false))
                .body("errors[0].title", equalTo("proof"));
    }

    @Test
    void aRequestWithoutACredentialIsAProblem() {
        given().contentType("application/json").body("{\"options\":{}}")
                .when().post("/credentials/verify")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
