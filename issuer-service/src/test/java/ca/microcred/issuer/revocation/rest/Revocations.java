package ca.microcred.issuer.revocation.rest;

import ca.microcred.credentials.keys.KeyResolver;
import ca.microcred.credentials.proof.DataIntegrityProofs;
import ca.microcred.credentials.proof.VerificationResult;
import ca.microcred.credentials.status.BitstringStatusListEntry;
import ca.microcred.credentials.status.StatusListCredentials;
import ca.microcred.devstack.DevTokens;
import ca.microcred.issuer.support.Completions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.util.List;
import java.util.Map;

import static ca.microcred.issuer.support.Completions.awaitCompleted;
import static ca.microcred.issuer.support.Completions.body;
import static ca.microcred.issuer.support.Completions.newId;
import static ca.microcred.issuer.support.Completions.postAsProvider;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issues credentials and reads status lists the way a provider and a verifier would. */
final class Revocations {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Revocations() {
    }

    /** Issues one credential to a single passing learner and returns its id once it is served. */
    static String issueOne(String providerId, String proofFormat) {
        Map<String, Object> body = body(Completions.schedule(providerId).cohortId(), List.of(
                Completions.learner("Amélie Tremblay", newId("amelie") + "@example.ca", true, true)));
        if (proofFormat != null) {
            body.put("proofFormat", proofFormat);
        }
        JsonPath accepted = postAsProvider(providerId, null, body).then().statusCode(202).extract().jsonPath();
        awaitCompleted(providerId, accepted.getString("id"));
        return accepted.getString("credentials[0].credentialId");
    }

    static Response change(String token, String credentialId, String action, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/credentials/{id}/{action}", credentialId, action);
    }

    static Response changeAsProvider(String providerId, String credentialId, String action, String reason) {
        return change(DevTokens.provider(providerId), credentialId, action, Map.of("reason", reason));
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static ObjectNode credential(String credentialId) {
        return json(given().get("/credentials/{id}", credentialId).then().statusCode(200).extract().asString());
    }

    static ObjectNode didDocument(String providerId) {
        return json(given().get("/providers/{id}/did.json", providerId).then().statusCode(200).extract().asString());
    }

    /** The credential's status entry for a purpose, as it carries it. */
    static BitstringStatusListEntry entry(JsonNode credential, String purpose) {
        for (JsonNode entry : credential.path("credentialStatus")) {
            if (purpose.equals(entry.path("statusPurpose").asText())) {
                return MAPPER.convertValue(entry, BitstringStatusListEntry.class);
            }
        }
        throw new AssertionError("no " + purpose + " entry in " + credential.path("credentialStatus"));
    }

    /** Fetches the list the entry points to, checks its proof against the provider's DID document, reads the bit. */
    static boolean isSet(String providerId, BitstringStatusListEntry entry) {
        String path = entry.statusListCredential().substring(entry.statusListCredential().indexOf("/providers/"));
        ObjectNode list = json(given().get(path).then().statusCode(200).extract().asString());
        VerificationResult proof = DataIntegrityProofs.verify(list, KeyResolver.didDocument(didDocument(providerId)));
        assertTrue(proof.verified(), () -> "status list proof: " + proof.reason() + ": " + proof.message());
        return StatusListCredentials.isSet(list, entry);
    }
}
