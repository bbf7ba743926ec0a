package ca.microcred.verification.verify.rest;

import ca.microcred.credentials.keys.Ed25519KeyPair;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.verification.support.TestCredentials;
import ca.microcred.verification.support.TestCredentials.Issuer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static ca.microcred.verification.support.VerificationAnswers.outcome;
import static ca.microcred.verification.support.VerificationAnswers.reason;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class SubmittedVerificationTest {

    static ValidatableResponse postJsonLd(Object body) {
        return given().contentType("application/ld+json").body(utf8(body.toString()))
                .when().post("/verifications")
                .then().statusCode(200).contentType("application/json");
    }

    static ValidatableResponse postJwt(String jwt) {
        return given().contentType("application/vc+jwt").body(utf8(jwt))
                .when().post("/verifications")
                .then().statusCode(200).contentType("application/json");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void acceptsTheOpenBadgesSpecificationsSignedExample() {
        postJsonLd(TestCredentials.officialVector())
                .body("verified", is(true))
                .body("credentialId", equalTo("http://example.com/credentials/3527"))
                .body("checks.check", contains("proof", "issuer-key", "status", "validity", "issuer-accreditation",
                        "structure", "achievement"))
                .body(outcome("proof"), equalTo("PASS"))
                .body(reason("proof"), containsString("eddsa-rdfc-2022"))
                .body(outcome("issuer-key"), equalTo("PASS"))
                .body(reason("issuer-key"), containsString("pinned key"))
                .body(outcome("structure"), equalTo("PASS"))
                .body(outcome("issuer-accreditation"), equalTo("WARN"))
                .body(reason("issuer-accreditation"), containsString("not accredited in the national registry"))
                .body(outcome("achievement"), equalTo("WARN"))
                .body("summary.achievementName", equalTo("Teamwork"))
                .body("summary.provider", equalTo("Example Corp"))
                .body("summary.issuedAt", equalTo("2010-01-01T00:00:00Z"));
    }

    @Test
    void acceptsAJsonLdCredentialSignedByOurLibraryUnderADidKey() {
        Issuer issuer = Issuer.generate();
        ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(issuer.did()), issuer);
        postJsonLd(signed)
                .body("verified", is(true))
                .body(outcome("proof"), equalTo("PASS"))
                .body(outcome("issuer-key"), equalTo("PASS"))
                .body(reason("issuer-key"), containsString("did:key"))
                .body(outcome("validity"), equalTo("PASS"))
                .body(outcome("structure"), equalTo("PASS"))
                .body("summary.achievementName", equalTo("Data Analysis Fundamentals"))
                .body("summary.skills[0].name", equalTo("Analyse data"))
                .body("summary.skills[0].framework", equalTo("ESCO"))
                .body("summary.evidence[0].id", equalTo("https://portfolio.example.ca/projects/42"));
    }

    @Test
    void acceptsAVcJwtSignedUnderADidKey() {
        Issuer issuer = Issuer.generate();
        String jwt = TestCredentials.jwt(TestCredentials.unsigned(issuer.did()), issuer.key(),
                issuer.verificationMethod(), "EdDSA");
        postJwt(jwt)
                .body("verified", is(true))
                .body(outcome("proof"), equalTo("PASS"))
                .body(reason("proof"), containsString("VC-JWT EdDSA"))
                .body(outcome("issuer-key"), equalTo("PASS"));
        given().contentType("application/jwt").body(utf8(jwt)).when().post("/verifications")
                .then().statusCode(200).body("verified", is(true));
    }

    @Test
    void rejectsAProofFromAnotherKeyClaimingTheIssuersKey() {
        Issuer issuer = Issuer.generate();
        Ed25519KeyPair other = Ed25519KeyPair.generate();
        ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(issuer.did()), other,
                issuer.verificationMethod());
        postJsonLd(signed)
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("FAIL"))
                .body(reason("proof"), containsString("signature does not match"));
    }

    @Test
    void rejectsAValidProofByAKeyThatIsNotTheIssuers() {
        Issuer issuer = Issuer.generate();
        Issuer impostor = Issuer.generate();
        ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(issuer.did()), impostor);
        postJsonLd(signed)
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("PASS"))
                .body(outcome("issuer-key"), equalTo("FAIL"))
                .body(reason("issuer-key"), containsString("not to the issuer " + issuer.did()));
    }

    @Test
    void rejectsAnUnknownCryptosuite() {
        Issuer issuer = Issuer.generate();
        ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(issuer.did()), issuer);
        ((ObjectNode) signed.get("proof")).put("cryptosuite", "ecdsa-rdfc-2019");
        postJsonLd(signed)
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("FAIL"))
                .body(reason("proof"), containsString("Unsupported cryptosuite 'ecdsa-rdfc-2019'"));
    }

    @Test
    void rejectsAMalformedProofValue() {
        ObjectNode vector = TestCredentials.officialVector();
        ((ObjectNode) vector.get("proof")).put("proofValue", "not-base58-0OIl");
        postJsonLd(vector)
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("FAIL"))
                .body(reason("proof"), containsString("Malformed proofValue"));
    }

    @Test
    void rejectsAnUnsignedCredential() {
        postJsonLd(TestCredentials.unsigned(Issuer.generate().did()))
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("FAIL"))
                .body(reason("proof"), equalTo("The credential carries no proof"));
    }

    @Test
    void rejectsAnExpiredCredentialOnValidityAlone() {
        Issuer issuer = Issuer.generate();
        Instant from = Instant.now().minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant until = from.plus(30, ChronoUnit.DAYS);
        ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(issuer.did(), from, until), issuer);
        postJsonLd(signed)
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("PASS"))
                .body(outcome("validity"), equalTo("FAIL"))
                .body(reason("validity"), equalTo("Expired on " + until));
    }

    @Test
    void rejectsAJwtWithAlgNone() {
        Issuer issuer = Issuer.generate();
        String jwt = TestCredentials.jwt(TestCredentials.unsigned(issuer.did()), issuer.key(),
                issuer.verificationMethod(), "none");
        postJwt(jwt)
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("FAIL"))
                .body(reason("proof"), containsString("Unsupported JWT algorithm 'none'"));
    }

    @Test
    void rejectsAJwtWhoseKidNamesAnotherKeyThanTheSigner() {
        Issuer issuer = Issuer.generate();
        Issuer other = Issuer.generate();
        String jwt = TestCredentials.jwt(TestCredentials.unsigned(issuer.did()), other.key(),
                issuer.verificationMethod(), "EdDSA");
        postJwt(jwt)
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("FAIL"))
                .body(reason("proof"), containsString("signature does not match"));
    }

    @Test
    void rejectsAJwtWhoseKidIsNotTheIssuers() {
        Issuer issuer = Issuer.generate();
        Issuer other = Issuer.generate();
        String jwt = TestCredentials.jwt(TestCredentials.unsigned(issuer.did()), other.key(),
                other.verificationMethod(), "EdDSA");
        postJwt(jwt)
                .body("verified", is(false))
                .body(outcome("issuer-key"), equalTo("FAIL"));
    }

    @Test
    void rejectsJwtsOutsideVcJoseCose() {
        Issuer issuer = Issuer.generate();
        ObjectNode credential = TestCredentials.unsigned(issuer.did());
        ObjectNode wrapped = credential.objectNode();
        wrapped.put("iss", issuer.did());
        wrapped.set("vc", credential);
        postJwt(TestCredentials.jwt(wrapped, issuer.key(), issuer.verificationMethod(), "EdDSA"))
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("FAIL"))
                .body(reason("proof"), containsString("not a vc/vp claim"));

        String untyped = TestCredentials.jwt(credential, issuer.key(), issuer.verificationMethod(), "EdDSA", null);
        postJwt(untyped)
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("FAIL"))
                .body(reason("proof"), containsString("typ must be vc+jwt"));
    }

    @Test
    void recipientCheckComparesTheEmailWithTheSaltedHash() {
        Issuer issuer = Issuer.generate();
        ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(issuer.did()), issuer);
        given().contentType("application/ld+json").queryParam("recipientEmail", "  learner.one@EXAMPLE.ca ")
                .body(utf8(signed.toString())).when().post("/verifications")
                .then().statusCode(200)
                .body(outcome("recipient"), equalTo("PASS"))
                .body("verified", is(true));
        given().contentType("application/ld+json").queryParam("recipientEmail", "someone.else@example.ca")
                .body(utf8(signed.toString())).when().post("/verifications")
                .then().statusCode(200)
                .body(outcome("recipient"), equalTo("FAIL"))
                .body(reason("recipient"), equalTo("The credential was not issued to this email address"))
                .body("verified", is(false));
    }

    @Test
    void aBodyThatIsNotACredentialIsAProblem() {
        given().contentType("application/json").body("{not json").when().post("/verifications")
                .then().statusCode(400).contentType("application/problem+json").body("status", is(400));
        given().contentType("application/json").body("[1,2]").when().post("/verifications")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/jwt").body(utf8("hello.world")).when().post("/verifications")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType("text/plain").body(utf8("a credential, honest")).when().post("/verifications")
                .then().statusCode(415).contentType("application/problem+json").body("status", is(415));
        String huge = "{\"name\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        given().contentType("application/ld+json").body(huge).when().post("/verifications")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void aUrlOutsideTheAllowListIsNeverFetched() {
        given().contentType("application/json").body("{\"url\":\"http://169.254.169.254/latest/meta-data\"}")
                .when().post("/verifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not on this service's allow-list"));
    }
}
