package ca.microcred.issuer.completion.rest;

import ca.microcred.credentials.keys.KeyResolver;
import ca.microcred.credentials.proof.DataIntegrityProofs;
import ca.microcred.credentials.proof.VcJwt;
import ca.microcred.credentials.proof.VerificationResult;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.issuer.support.Completions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static ca.microcred.issuer.support.Completions.awaitCompleted;
import static ca.microcred.issuer.support.Completions.body;
import static ca.microcred.issuer.support.Completions.newId;
import static ca.microcred.issuer.support.Completions.postAsProvider;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class CompletionSigningTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aRegisteredProvidersCredentialVerifiesAgainstTheKeyInItsDidDocument() throws Exception {
        Completions.Scheduled scheduled = Completions.schedule();
        String provider = scheduled.providerId();
        String cohort = scheduled.cohortId();
        JsonPath accepted = postAsProvider(provider, null, body(cohort, List.of(
                Completions.learner("Amélie Tremblay", "amelie@example.ca", true, true,
                        "https://portfolio.example.ca/amelie"))))
                .then().statusCode(202).extract().jsonPath();
        String credentialId = accepted.getString("credentials[0].credentialId");
        awaitCompleted(provider, accepted.getString("id"));

        ObjectNode didDocument = (ObjectNode) mapper.readTree(
                given().get("/providers/{id}/did.json", provider).then().statusCode(200).extract().asString());
        ObjectNode credential = (ObjectNode) mapper.readTree(
                given().get("/credentials/{id}", credentialId).then().statusCode(200).extract().asString());

        assertEquals(didDocument.path("id").asText(), credential.path("issuer").path("id").asText());
        assertEquals("Collège Boréal", credential.path("issuer").path("name").asText());
        assertEquals("eddsa-rdfc-2022", credential.path("proof").path("cryptosuite").asText());
        VerificationResult result = DataIntegrityProofs.verify(credential, KeyResolver.didDocument(didDocument));
        assertTrue(result.verified(), () -> result.reason() + ": " + result.message());

        credential.put("validFrom", "2020-01-01T00:00:00Z");
        assertFalse(DataIntegrityProofs.verify(credential, KeyResolver.didDocument(didDocument)).verified());
    }

    @Test
    void aVcJwtCredentialVerifiesAndIsServedInItsCompactForm() throws Exception {
        Completions.Scheduled scheduled = Completions.schedule();
        String provider = scheduled.providerId();
        Map<String, Object> body = body(scheduled.cohortId(), List.of(
                Completions.learner("Jordan Smith", "jordan@example.ca", true, false)));
        body.put("proofFormat", "vc-jwt");
        JsonPath accepted = postAsProvider(provider, null, body).then().statusCode(202).extract().jsonPath();
        String credentialId = accepted.getString("credentials[0].credentialId");
        awaitCompleted(provider, accepted.getString("id"));

        ObjectNode didDocument = (ObjectNode) mapper.readTree(
                given().get("/providers/{id}/did.json", provider).then().statusCode(200).extract().asString());
        String jwt = given().get("/credentials/{id}.jwt", credentialId).then().statusCode(200)
                .contentType(startsWith("application/vc+jwt")).extract().asString();

        VerificationResult result = VcJwt.verify(jwt, KeyResolver.didDocument(didDocument));
        assertTrue(result.verified(), () -> result.reason() + ": " + result.message());
        assertEquals(didDocument.path("id").asText(), result.credential().path("issuer").path("id").asText());
        String[] parts = jwt.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertFalse(VcJwt.verify(tampered, KeyResolver.didDocument(didDocument)).verified());
    }

    @Test
    void anUnknownProofFormatIsRejected() {
        Map<String, Object> body = body(newId("cohort"), List.of(
                Completions.learner("Jordan Smith", "jordan@example.ca", true, false)));
        body.put("proofFormat", "ldp-rsa");
        postAsProvider(Completions.schedule().providerId(), null, body).then().statusCode(400)
                .body("violations.field", hasItem(containsString("proofFormat")));
    }
}
