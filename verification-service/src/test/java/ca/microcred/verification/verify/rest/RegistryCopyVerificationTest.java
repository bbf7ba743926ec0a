package ca.microcred.verification.verify.rest;

import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.CredentialRevoked.Action;
import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.verification.support.TestCredentials;
import ca.microcred.verification.support.TestCredentials.Issuer;
import ca.microcred.verification.support.TestEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static ca.microcred.verification.support.VerificationAnswers.awaitAnswer;
import static ca.microcred.verification.support.VerificationAnswers.outcome;
import static ca.microcred.verification.support.VerificationAnswers.reason;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/** Credentials issued through the registry: their status and accreditation come from the events. */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class RegistryCopyVerificationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static CredentialIssued issuedEvent(String credentialId, String providerId, ObjectNode signed) {
        Instant from = Instant.parse(signed.get("validFrom").asText());
        Instant until = Instant.parse(signed.get("validUntil").asText());
        return new CredentialIssued(credentialId, "ach-" + providerId, providerId, "cohort-1",
                signed.at("/credentialSubject/identifier/0/identityHash").asText(), TestCredentials.SALT,
                from, from, until, "eddsa-rdfc-2022", signed, null, signed.get("id").asText());
    }

    private static String post(ObjectNode credential, String path) {
        return given().contentType("application/ld+json")
                .body(SubmittedVerificationTest.utf8(credential.toString()))
                .when().post("/verifications")
                .then().statusCode(200).extract().jsonPath().getString(path);
    }

    @Test
    void oursIsRecognisedAndFailsOnStatusOnceRevoked() {
        Issuer issuer = Issuer.generate();
        String providerId = TestEvents.newId("prov");
        String credentialId = TestEvents.newId("cred");
        ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(issuer.did()), issuer);
        TestEvents.publish(TestEvents.accreditation(providerId, State.PENDING, State.ACCREDITED, "Approved",
                TestEvents.now()));
        TestEvents.publish(issuedEvent(credentialId, providerId, signed));

        await().atMost(PATIENCE).until(() -> "PASS".equals(post(signed, outcome("issuer-accreditation"))));
        given().contentType("application/ld+json").body(SubmittedVerificationTest.utf8(signed.toString()))
                .when().post("/verifications")
                .then().statusCode(200)
                .body("verified", is(true))
                .body(outcome("achievement"), equalTo("PASS"))
                .body(outcome("status"), equalTo("PASS"))
                .body("summary.providerId", equalTo(providerId));

        TestEvents.publish(TestEvents.statusChange(credentialId, providerId, Action.REVOKED, "Issued in error",
                TestEvents.now()));
        await().atMost(PATIENCE).until(() -> "FAIL".equals(post(signed, outcome("status"))));
        given().contentType("application/ld+json").body(SubmittedVerificationTest.utf8(signed.toString()))
                .when().post("/verifications")
                .then().statusCode(200)
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("PASS"))
                .body(reason("status"), containsString("Revoked"));
    }

    @Test
    void oursFailsOnStatusWhileSuspendedAndOnAccreditationWhenTheProviderIsSuspended() {
        Issuer issuer = Issuer.generate();
        String providerId = TestEvents.newId("prov");
        String credentialId = TestEvents.newId("cred");
        ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(issuer.did()), issuer);
        TestEvents.publish(issuedEvent(credentialId, providerId, signed));
        TestEvents.publish(TestEvents.statusChange(credentialId, providerId, Action.SUSPENDED, "Under appeal",
                TestEvents.now()));
        await().atMost(PATIENCE).until(() -> "FAIL".equals(post(signed, outcome("status"))));
        given().contentType("application/ld+json").body(SubmittedVerificationTest.utf8(signed.toString()))
                .when().post("/verifications")
                .then().statusCode(200)
                .body("verified", is(false))
                .body(reason("status"), containsString("Suspended"));

        TestEvents.publish(TestEvents.accreditation(providerId, State.ACCREDITED, State.SUSPENDED, "Audit",
                TestEvents.now()));
        await().atMost(PATIENCE).until(() -> "FAIL".equals(post(signed, outcome("issuer-accreditation"))));
    }

    @Test
    void aDocumentReusingTheIdOfOursUnderAnotherIssuerDoesNotBorrowItsStanding() {
        Issuer issuer = Issuer.generate();
        String providerId = TestEvents.newId("prov");
        String credentialId = TestEvents.newId("cred");
        ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(issuer.did()), issuer);
        TestEvents.publish(TestEvents.accreditation(providerId, State.PENDING, State.ACCREDITED, "Approved",
                TestEvents.now()));
        TestEvents.publish(issuedEvent(credentialId, providerId, signed));
        await().atMost(PATIENCE).until(() -> "PASS".equals(post(signed, outcome("issuer-accreditation"))));

        Issuer impostor = Issuer.generate();
        ObjectNode copy = TestCredentials.unsigned(impostor.did());
        copy.put("id", signed.get("id").asText());
        ObjectNode forged = TestCredentials.sign(copy, impostor);
        given().contentType("application/ld+json").body(SubmittedVerificationTest.utf8(forged.toString()))
                .when().post("/verifications")
                .then().statusCode(200)
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("PASS"))
                .body(outcome("issuer-accreditation"), equalTo("FAIL"))
                .body(outcome("achievement"), equalTo("WARN"));
    }

    @Test
    void verifyingByReferenceChecksTheProofOfTheRegistrysCopy() {
        Issuer issuer = Issuer.generate();
        String providerId = TestEvents.newId("prov");
        String good = TestEvents.newId("cred");
        ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(issuer.did()), issuer);
        TestEvents.publish(issuedEvent(good, providerId, signed));
        awaitAnswer(good)
                .body("verified", is(true))
                .body("checks.check", contains("issued", "status", "validity", "issuer-accreditation", "proof",
                        "issuer-key"))
                .body(outcome("proof"), equalTo("PASS"))
                .body(outcome("issuer-key"), equalTo("PASS"))
                .body("summary.achievementName", equalTo("Data Analysis Fundamentals"))
                .body("summary.skills[0].code", equalTo("S2.7.1"));

        String bad = TestEvents.newId("cred");
        ObjectNode altered = TestCredentials.sign(TestCredentials.unsigned(issuer.did()), issuer);
        ((ObjectNode) altered.at("/credentialSubject/achievement")).put("name", "Advanced Data Analysis");
        TestEvents.publish(issuedEvent(bad, providerId, altered));
        awaitAnswer(bad)
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("FAIL"));
    }
}
