package ca.microcred.verification.verify.rest;

import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.CredentialRevoked.Action;
import ca.microcred.credentials.keys.Ed25519KeyPair;
import ca.microcred.credentials.proof.DataIntegrityProofs;
import ca.microcred.credentials.proof.VcJwt;
import ca.microcred.credentials.status.BitstringStatusListEntry;
import ca.microcred.credentials.status.StatusList;
import ca.microcred.credentials.status.StatusListCredentials;
import ca.microcred.credentials.status.StatusPurpose;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.verification.support.IssuerOriginTestResource;
import ca.microcred.verification.support.TestCredentials;
import ca.microcred.verification.support.TestCredentials.Issuer;
import ca.microcred.verification.support.TestEvents;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static ca.microcred.verification.support.VerificationAnswers.outcome;
import static ca.microcred.verification.support.VerificationAnswers.reason;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/**
 * Credentials of other issuers carrying a Bitstring Status List entry: the list is fetched from the allow-listed
 * origin, its proof verified, the credential's bit read, and the list reused for its ttl.
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
@QuarkusTestResource(IssuerOriginTestResource.class)
class StatusListVerificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int INDEX = 94_567;

    private static String origin() {
        return ConfigProvider.getConfig().getValue(IssuerOriginTestResource.ORIGIN_PROPERTY, String.class);
    }

    private static void publish(String path, String content) throws IOException {
        Path file = IssuerOriginTestResource.ROOT.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String newListPath(String purpose) {
        return "status/" + UUID.randomUUID() + "/" + purpose;
    }

    /** Publishes the issuer's signed status list at {@code path}, with {@code set} bits and an optional ttl. */
    private static void publishList(String path, Issuer issuer, StatusPurpose purpose, Long ttlMillis,
                                    int... set) throws IOException {
        StatusList list = StatusList.create(purpose);
        for (int index : set) {
            list.set(index);
        }
        ObjectNode unsigned = StatusListCredentials.build(origin() + "/" + path, issuer.did(), list,
                Instant.now().minus(1, ChronoUnit.MINUTES));
        if (ttlMillis != null) {
            ((ObjectNode) unsigned.get("credentialSubject")).put("ttl", ttlMillis);
        }
        publish(path, DataIntegrityProofs.sign(unsigned, issuer.key(), issuer.verificationMethod(), Instant.now())
                .toString());
    }

    /** The issuer's credential pointing at bit {@link #INDEX} of the given lists. */
    private static ObjectNode credentialWithStatus(Issuer issuer, String revocationPath, String suspensionPath) {
        ObjectNode unsigned = TestCredentials.unsigned(issuer.did());
        ArrayNode status = unsigned.putArray("credentialStatus");
        if (revocationPath != null) {
            status.add(JSON.valueToTree(BitstringStatusListEntry.of(origin() + "/" + revocationPath,
                    StatusPurpose.REVOCATION, INDEX)));
        }
        if (suspensionPath != null) {
            status.add(JSON.valueToTree(BitstringStatusListEntry.of(origin() + "/" + suspensionPath,
                    StatusPurpose.SUSPENSION, INDEX)));
        }
        return TestCredentials.sign(unsigned, issuer);
    }

    private static String post(ObjectNode credential, String path) {
        return given().contentType("application/ld+json")
                .body(SubmittedVerificationTest.utf8(credential.toString()))
                .when().post("/verifications")
                .then().statusCode(200).extract().jsonPath().getString(path);
    }

    @Test
    void aClearBitPassesAndASetRevocationOrSuspensionBitFails() throws IOException {
        Issuer issuer = Issuer.generate();
        String revocation = newListPath("revocation");
        String suspension = newListPath("suspension");
        publishList(revocation, issuer, StatusPurpose.REVOCATION, null, INDEX + 1);
        publishList(suspension, issuer, StatusPurpose.SUSPENSION, null, INDEX - 1);
        SubmittedVerificationTest.postJsonLd(credentialWithStatus(issuer, revocation, suspension))
                .body("verified", is(true))
                .body(outcome("status"), equalTo("PASS"))
                .body(reason("status"), containsString("revocation list " + origin() + "/" + revocation))
                .body(outcome("issuer-accreditation"), equalTo("WARN"));

        String revoked = newListPath("revocation");
        publishList(revoked, issuer, StatusPurpose.REVOCATION, null, INDEX);
        SubmittedVerificationTest.postJsonLd(credentialWithStatus(issuer, revoked, suspension))
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("PASS"))
                .body(outcome("status"), equalTo("FAIL"))
                .body(reason("status"), containsString("Revoked by its issuer: entry " + INDEX));

        String suspended = newListPath("suspension");
        publishList(suspended, issuer, StatusPurpose.SUSPENSION, null, INDEX);
        SubmittedVerificationTest.postJsonLd(credentialWithStatus(issuer, revocation, suspended))
                .body("verified", is(false))
                .body(outcome("status"), equalTo("FAIL"))
                .body(reason("status"), containsString("Suspended by its issuer"));
    }

    @Test
    void aListIsReusedForItsTtlAndFetchedAgainAfterwards() throws IOException {
        Issuer issuer = Issuer.generate();
        String cachedForMinutes = newListPath("revocation");
        publishList(cachedForMinutes, issuer, StatusPurpose.REVOCATION, 600_000L);
        ObjectNode credential = credentialWithStatus(issuer, cachedForMinutes, null);
        SubmittedVerificationTest.postJsonLd(credential).body(outcome("status"), equalTo("PASS"));
        publishList(cachedForMinutes, issuer, StatusPurpose.REVOCATION, 600_000L, INDEX);
        SubmittedVerificationTest.postJsonLd(credential)
                .body(outcome("status"), equalTo("PASS"));

        String shortLived = newListPath("revocation");
        publishList(shortLived, issuer, StatusPurpose.REVOCATION, 50L);
        ObjectNode other = credentialWithStatus(issuer, shortLived, null);
        SubmittedVerificationTest.postJsonLd(other).body(outcome("status"), equalTo("PASS"));
        publishList(shortLived, issuer, StatusPurpose.REVOCATION, 50L, INDEX);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> "FAIL".equals(post(other, outcome("status"))));
        SubmittedVerificationTest.postJsonLd(other)
                .body("verified", is(false))
                .body(reason("status"), containsString("Revoked"));
    }

    @Test
    void aListThatCannotBeReadFailsTheCheckAndSaysWhy() throws IOException {
        Issuer issuer = Issuer.generate();
        SubmittedVerificationTest.postJsonLd(credentialWithStatus(issuer, newListPath("never-published"), null))
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("PASS"))
                .body(outcome("status"), equalTo("FAIL"))
                .body(reason("status"), containsString("cannot be checked"))
                .body(reason("status"), containsString("answered HTTP 404"));

        ObjectNode elsewhere = TestCredentials.unsigned(issuer.did());
        elsewhere.putArray("credentialStatus").add(JSON.valueToTree(BitstringStatusListEntry.of(
                "https://status.elsewhere.example/lists/1", StatusPurpose.REVOCATION, INDEX)));
        SubmittedVerificationTest.postJsonLd(TestCredentials.sign(elsewhere, issuer))
                .body("verified", is(false))
                .body(reason("status"), containsString("not on this service's allow-list"));

        String forged = newListPath("revocation");
        Issuer impostor = Issuer.generate();
        StatusList list = StatusList.create(StatusPurpose.REVOCATION);
        ObjectNode unsigned = StatusListCredentials.build(origin() + "/" + forged, issuer.did(), list, Instant.now());
        publish(forged, DataIntegrityProofs.sign(unsigned, impostor.key(), issuer.verificationMethod(),
                Instant.now()).toString());
        SubmittedVerificationTest.postJsonLd(credentialWithStatus(issuer, forged, null))
                .body("verified", is(false))
                .body(reason("status"), containsString("not signed by its issuer"));

        String someoneElses = newListPath("revocation");
        publishList(someoneElses, impostor, StatusPurpose.REVOCATION, null);
        SubmittedVerificationTest.postJsonLd(credentialWithStatus(issuer, someoneElses, null))
                .body("verified", is(false))
                .body(reason("status"), containsString("not by the credential's issuer"));
    }

    @Test
    void aListPublishedAsVcJwtIsReadToo() throws IOException {
        Issuer issuer = Issuer.generate();
        String path = newListPath("revocation");
        StatusList list = StatusList.create(StatusPurpose.REVOCATION);
        list.set(INDEX);
        publish(path, VcJwt.sign(StatusListCredentials.build(origin() + "/" + path, issuer.did(), list,
                Instant.now()), issuer.key(), issuer.verificationMethod()));
        ObjectNode credential = credentialWithStatus(issuer, path, null);
        String jwt = TestCredentials.jwt(credential.without("proof"), issuer.key(), issuer.verificationMethod(),
                "EdDSA");
        SubmittedVerificationTest.postJwt(jwt)
                .body("verified", is(false))
                .body(outcome("proof"), equalTo("PASS"))
                .body(outcome("status"), equalTo("FAIL"))
                .body(reason("status"), containsString("Revoked by its issuer"));
    }

    @Test
    void forOurOwnCredentialsTheRegistrysStatusStaysAuthoritative() throws IOException {
        Issuer issuer = Issuer.generate();
        String providerId = TestEvents.newId("prov");
        String credentialId = TestEvents.newId("cred");
        String revocation = "providers/" + providerId + "/status-lists/revocation";
        publishList(revocation, issuer, StatusPurpose.REVOCATION, null);
        ObjectNode signed = credentialWithStatus(issuer, revocation,
                "providers/" + providerId + "/status-lists/suspension");
        Instant from = Instant.parse(signed.get("validFrom").asText());
        TestEvents.publish(new CredentialIssued(credentialId, "ach-" + providerId, providerId, "cohort-1",
                signed.at("/credentialSubject/identifier/0/identityHash").asText(), TestCredentials.SALT, from, from,
                Instant.parse(signed.get("validUntil").asText()), "eddsa-rdfc-2022", signed, null,
                signed.get("id").asText()));
        // the suspension list is not published at all: for a credential of ours it is not needed
        await().atMost(Duration.ofSeconds(30)).until(() -> "PASS".equals(post(signed, outcome("achievement"))));
        SubmittedVerificationTest.postJsonLd(signed)
                .body("verified", is(true))
                .body(outcome("status"), equalTo("PASS"))
                .body(reason("status"), equalTo("Not revoked or suspended"));

        TestEvents.publish(TestEvents.statusChange(credentialId, providerId, Action.REVOKED, "Issued in error",
                TestEvents.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAIL".equals(post(signed, outcome("status"))));
        SubmittedVerificationTest.postJsonLd(signed)
                .body("verified", is(false))
                .body(reason("status"), containsString("Issued in error"));
    }
}
