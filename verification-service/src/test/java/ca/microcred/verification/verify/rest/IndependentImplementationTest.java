package ca.microcred.verification.verify.rest;

import ca.microcred.devstack.DevstackTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static ca.microcred.verification.support.VerificationAnswers.outcome;
import static ca.microcred.verification.support.VerificationAnswers.reason;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/**
 * Credentials signed by other implementations (Digital Bazaar's VC library and jose; see
 * {@code src/test/resources/interop/README.txt}) are accepted, with the warning that their issuer is not
 * accredited in the national registry; a field changed after signing is not.
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class IndependentImplementationTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = IndependentImplementationTest.class.getResourceAsStream("/interop/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static String issuerDid() throws IOException {
        JsonNode issuer = new ObjectMapper().readTree(fixture("independent-issuer.json"));
        return issuer.get("did").asText();
    }

    @Test
    void anEddsaRdfc2022CredentialSignedByDigitalBazaarsLibraryIsAccepted() throws IOException {
        String did = issuerDid();
        SubmittedVerificationTest.postJsonLd(fixture("independent-eddsa-rdfc-2022.json"))
                .body("verified", is(true))
                .body(outcome("proof"), equalTo("PASS"))
                .body(reason("proof"), containsString("eddsa-rdfc-2022"))
                .body(outcome("issuer-key"), equalTo("PASS"))
                .body(reason("issuer-key"), containsString("did:key"))
                .body(outcome("structure"), equalTo("PASS"))
                .body(outcome("status"), equalTo("PASS"))
                .body(outcome("issuer-accreditation"), equalTo("WARN"))
                .body(reason("issuer-accreditation"), equalTo("The issuer " + did
                        + " is not accredited in the national registry"))
                .body("summary.achievementName", equalTo("Welding Safety Essentials"));
    }

    @Test
    void aVcJwtSignedWithJoseIsAccepted() throws IOException {
        SubmittedVerificationTest.postJwt(fixture("independent-vc.jwt"))
                .body("verified", is(true))
                .body(outcome("proof"), equalTo("PASS"))
                .body(reason("proof"), containsString("VC-JWT EdDSA"))
                .body(outcome("issuer-key"), equalTo("PASS"))
                .body(outcome("issuer-accreditation"), equalTo("WARN"))
                .body(reason("issuer-accreditation"), containsString("not accredited in the national registry"));
        given().contentType("application/json")
                .body(SubmittedVerificationTest.utf8("{\"verifiableCredential\":\"" + fixture("independent-vc.jwt")
                        + "\"}"))
                .when().post("/credentials/verify")
                .then().statusCode(200).body("verified", is(true));
    }

    @Test
    void theirCredentialsChangedAfterSigningAreRejected() throws IOException {
        SubmittedVerificationTest.postJsonLd(fixture("independent-eddsa-rdfc-2022-tampered.json"))
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("FAIL"))
                .body(reason("proof"), containsString("signature does not match"));
        SubmittedVerificationTest.postJwt(fixture("independent-vc-tampered.jwt"))
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("FAIL"))
                .body(reason("proof"), containsString("signature does not match"));
    }
}
