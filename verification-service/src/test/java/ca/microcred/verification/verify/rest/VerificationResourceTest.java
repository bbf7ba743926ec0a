package ca.microcred.verification.verify.rest;

import ca.microcred.contracts.events.CredentialRevoked.Action;
import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.verification.support.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static ca.microcred.verification.support.VerificationAnswers.awaitAnswer;
import static ca.microcred.verification.support.VerificationAnswers.awaitAnswerWhere;
import static ca.microcred.verification.support.VerificationAnswers.outcome;
import static ca.microcred.verification.support.VerificationAnswers.reason;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class VerificationResourceTest {

    private static final String PROOF_REASON = "Issued unsigned: the registry's copy carries no proof to check";

    @Test
    void issuedCredentialVerifiesWithProofWarningAndUnknownIssuerWarning() {
        String credentialId = TestEvents.newId("cred");
        String providerId = TestEvents.newId("prov");
        var issued = TestEvents.issued(credentialId, providerId);
        TestEvents.publish(issued);

        awaitAnswer(credentialId)
                .body("keySet()", containsInAnyOrder("credentialId", "verified", "checks", "summary"))
                .body("summary.keySet()", containsInAnyOrder("achievementId", "providerId", "issuedAt", "validUntil"))
                .body("checks[0].keySet()", containsInAnyOrder("check", "outcome", "reason"))
                .body("credentialId", equalTo(credentialId))
                .body("verified", is(true))
                .body("checks.check", contains("issued", "status", "validity", "issuer-accreditation", "proof"))
                .body(outcome("issued"), equalTo("PASS"))
                .body(outcome("status"), equalTo("PASS"))
                .body(outcome("validity"), equalTo("PASS"))
                .body(outcome("issuer-accreditation"), equalTo("WARN"))
                .body(reason("issuer-accreditation"), containsString("not on the national registry's trust list"))
                .body(outcome("proof"), equalTo("WARN"))
                .body(reason("proof"), equalTo(PROOF_REASON))
                .body("summary.achievementId", equalTo(issued.achievementId()))
                .body("summary.providerId", equalTo(providerId))
                .body("summary.issuedAt", equalTo(issued.issuedAt().toString()));
    }

    @Test
    void revokedCredentialFailsOnStatusNamingTheReason() {
        String credentialId = TestEvents.newId("cred");
        String providerId = TestEvents.newId("prov");
        TestEvents.publish(TestEvents.issued(credentialId, providerId));
        awaitAnswer(credentialId).body("verified", is(true));

        Instant revokedAt = TestEvents.now();
        TestEvents.publish(TestEvents.statusChange(credentialId, providerId, Action.REVOKED,
                "Assessment found to be plagiarised", revokedAt));

        awaitAnswerWhere(credentialId, outcome("status"), "FAIL")
                .body("verified", is(false))
                .body(reason("status"), equalTo("Revoked on " + revokedAt + ": Assessment found to be plagiarised"))
                .body(outcome("proof"), equalTo("WARN"));
    }

    @Test
    void suspendedThenReinstatedCredentialPassesAgain() {
        String credentialId = TestEvents.newId("cred");
        String providerId = TestEvents.newId("prov");
        TestEvents.publish(TestEvents.issued(credentialId, providerId));
        Instant suspendedAt = TestEvents.now();
        TestEvents.publish(TestEvents.statusChange(credentialId, providerId, Action.SUSPENDED,
                "Grade under appeal", suspendedAt));

        awaitAnswerWhere(credentialId, outcome("status"), "FAIL")
                .body("verified", is(false))
                .body(reason("status"), equalTo("Suspended on " + suspendedAt + ": Grade under appeal"));

        Instant reinstatedAt = suspendedAt.plusSeconds(5);
        TestEvents.publish(TestEvents.statusChange(credentialId, providerId, Action.REINSTATED,
                "Appeal upheld", reinstatedAt));

        awaitAnswerWhere(credentialId, outcome("status"), "PASS")
                .body("verified", is(true))
                .body(reason("status"), containsString("reinstated on " + reinstatedAt + ": Appeal upheld"));
    }

    @Test
    void suspendedAccreditationFailsTheIssuerCheck() {
        String credentialId = TestEvents.newId("cred");
        String providerId = TestEvents.newId("prov");
        Instant accreditedAt = TestEvents.now().minus(1, ChronoUnit.DAYS);
        TestEvents.publish(TestEvents.accreditation(providerId, State.PENDING, State.ACCREDITED,
                "Meets the national framework", accreditedAt));
        TestEvents.publish(TestEvents.issued(credentialId, providerId));

        awaitAnswerWhere(credentialId, outcome("issuer-accreditation"), "PASS")
                .body("verified", is(true))
                .body(reason("issuer-accreditation"), containsString("is accredited in the national registry"));

        TestEvents.publish(TestEvents.accreditation(providerId, State.ACCREDITED, State.SUSPENDED,
                "Quality audit overdue", TestEvents.now()));

        awaitAnswerWhere(credentialId, outcome("issuer-accreditation"), "FAIL")
                .body("verified", is(false))
                .body(reason("issuer-accreditation"), equalTo("Provider " + providerId
                        + "'s accreditation is suspended in the national registry: Quality audit overdue"))
                .body(outcome("status"), equalTo("PASS"));
    }

    @Test
    void expiredCredentialFailsOnValidity() {
        String credentialId = TestEvents.newId("cred");
        String providerId = TestEvents.newId("prov");
        Instant validFrom = TestEvents.now().minus(400, ChronoUnit.DAYS);
        Instant validUntil = validFrom.plus(365, ChronoUnit.DAYS);
        TestEvents.publish(TestEvents.issued(credentialId, providerId, validFrom, validUntil));

        awaitAnswer(credentialId)
                .body("verified", is(false))
                .body(outcome("validity"), equalTo("FAIL"))
                .body(reason("validity"), equalTo("Expired on " + validUntil))
                .body(outcome("status"), equalTo("PASS"));
    }

    @Test
    void unknownCredentialIsNotFoundProblem() {
        String credentialId = TestEvents.newId("never-issued");
        given().when().get("/verifications/{id}", credentialId)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", is(404))
                .body("title", equalTo("Not Found"))
                .body("detail", equalTo("No credential with id '" + credentialId
                        + "' was issued through this registry"))
                .body("instance", equalTo("/verifications/" + credentialId));
    }

    @Test
    void malformedIdIsBadRequestProblem() {
        given().when().get("/verifications/{id}", "not a credential id!")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("title", equalTo("Bad Request"))
                .body("violations.field", hasItem("credentialId"));
        given().when().get("/verifications/{id}", "x".repeat(201))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("credentialId"));
    }
}
