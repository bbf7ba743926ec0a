package ca.microcred.verification.verify.rest;

import ca.microcred.credentials.did.DidKey;
import ca.microcred.credentials.keys.Ed25519KeyPair;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.verification.support.IssuerOriginTestResource;
import ca.microcred.verification.support.TestCredentials;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static ca.microcred.verification.support.VerificationAnswers.outcome;
import static ca.microcred.verification.support.VerificationAnswers.reason;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/** Credentials fetched by URL and keys resolved through did:web, both from an allow-listed origin only. */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
@QuarkusTestResource(IssuerOriginTestResource.class)
class FetchedVerificationTest {

    private static String origin() {
        return ConfigProvider.getConfig().getValue(IssuerOriginTestResource.ORIGIN_PROPERTY, String.class);
    }

    private static void publish(String path, String content) throws IOException {
        Path file = IssuerOriginTestResource.ROOT.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** A did:web issuer on the local origin with its DID document published there. */
    private static String didWebIssuer(String name, Ed25519KeyPair key) throws IOException {
        String hostAndPort = origin().substring("http://".length());
        String did = "did:web:" + hostAndPort.replace(":", "%3A") + ":issuers:" + name;
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.putArray("@context").add("https://www.w3.org/ns/did/v1").add("https://w3id.org/security/multikey/v1");
        document.put("id", did);
        ObjectNode method = document.putArray("verificationMethod").addObject();
        method.put("id", did + "#key-1");
        method.put("type", "Multikey");
        method.put("controller", did);
        method.put("publicKeyMultibase", key.publicKey().multikey());
        document.putArray("assertionMethod").add(did + "#key-1");
        publish("issuers/" + name + "/did.json", document.toString());
        return did;
    }

    @Test
    void aCredentialSignedUnderAnAllowListedDidWebVerifies() throws IOException {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        String did = didWebIssuer("college-" + UUID.randomUUID(), key);
        ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(did), key, did + "#key-1");
        SubmittedVerificationTest.postJsonLd(signed)
                .body("verified", is(true))
                .body(outcome("issuer-key"), equalTo("PASS"))
                .body(reason("issuer-key"), containsString("did:web document"));

        Ed25519KeyPair other = Ed25519KeyPair.generate();
        ObjectNode forged = TestCredentials.sign(TestCredentials.unsigned(did), other, did + "#key-1");
        SubmittedVerificationTest.postJsonLd(forged)
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("FAIL"));
    }

    @Test
    void aDidWebOutsideTheAllowListIsNotResolved() {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        String did = "did:web:issuer.elsewhere.example";
        ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(did), key, did + "#key-1");
        SubmittedVerificationTest.postJsonLd(signed)
                .body("verified", is(false))
                .body(outcome("issuer-key"), equalTo("FAIL"))
                .body(reason("issuer-key"), containsString("not on this service's allow-list"));
    }

    @Test
    void aCredentialIsFetchedFromItsPublicUrlAtAnAllowListedOrigin() throws IOException {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        String did = DidKey.did(key.publicKey());
        ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(did), key,
                DidKey.verificationMethodId(key.publicKey()));
        String path = "credentials/" + UUID.randomUUID() + ".json";
        publish(path, signed.toString());
        ObjectNode request = JsonNodeFactory.instance.objectNode()
                .put("url", origin() + "/" + path)
                .put("recipientEmail", TestCredentials.LEARNER_EMAIL);
        given().contentType("application/json").body(SubmittedVerificationTest.utf8(request.toString()))
                .when().post("/verifications")
                .then().statusCode(200)
                .body("verified", is(true))
                .body(outcome("proof"), equalTo("PASS"))
                .body(outcome("recipient"), equalTo("PASS"));

        given().contentType("application/json")
                .body("{\"url\":\"" + origin() + "/credentials/never-published.json\"}")
                .when().post("/verifications")
                .then().statusCode(502).contentType("application/problem+json");
    }
}
