package ca.microcred.issuer.revocation.rest;

import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.credentials.keys.KeyResolver;
import ca.microcred.credentials.proof.VcJwt;
import ca.microcred.credentials.proof.VerificationResult;
import ca.microcred.credentials.status.BitstringStatusListEntry;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.issuer.provider.rest.ProviderFixtures;
import ca.microcred.issuer.support.IssuerDatabase;
import ca.microcred.issuer.support.TopicReader;
import ca.microcred.issuer.support.TopicReader.Published;
import ca.microcred.support.problem.Problem;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static ca.microcred.issuer.revocation.rest.Revocations.change;
import static ca.microcred.issuer.revocation.rest.Revocations.changeAsProvider;
import static ca.microcred.issuer.revocation.rest.Revocations.credential;
import static ca.microcred.issuer.revocation.rest.Revocations.entry;
import static ca.microcred.issuer.revocation.rest.Revocations.isSet;
import static ca.microcred.issuer.revocation.rest.Revocations.issueOne;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class RevocationResourceTest {

    @Test
    void revokingSetsTheCredentialsBitInTheSignedRevocationListAndPublishesCredentialRevokedOnce() {
        String provider = ProviderFixtures.register();
        String credentialId = issueOne(provider, null);
        ObjectNode issued = credential(credentialId);
        BitstringStatusListEntry revocation = entry(issued, "revocation");
        BitstringStatusListEntry suspension = entry(issued, "suspension");
        assertTrue(revocation.statusListCredential().endsWith("/providers/" + provider + "/status-lists/revocation"));
        assertTrue(suspension.statusListCredential().endsWith("/providers/" + provider + "/status-lists/suspension"));
        assertEquals(revocation.index(), suspension.index());
        assertFalse(isSet(provider, revocation));

        changeAsProvider(provider, credentialId, "revoke", "Issued in error: the learner did not pass")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("credentialId", equalTo(credentialId))
                .body("status", equalTo("revoked"))
                .body("reason", equalTo("Issued in error: the learner did not pass"))
                .body("changedAt", notNullValue());

        assertTrue(isSet(provider, revocation));
        assertFalse(isSet(provider, suspension));
        given().get("/credentials/{id}/status", credentialId).then().statusCode(200)
                .body("status", equalTo("revoked"))
                .body("reason", equalTo("Issued in error: the learner did not pass"));

        // once the credential's outbox is drained, exactly one CredentialRevoked is on the topic
        await().atMost(Duration.ofSeconds(20)).until(() -> !IssuerDatabase.credentials()
                .find(Filters.eq("_id", credentialId)).first().getBoolean("outboxPending"));
        List<CredentialRevoked> changes = statusEvents(credentialId);
        assertEquals(1, changes.size(), () -> "events: " + changes);
        CredentialRevoked revoked = changes.get(0);
        assertEquals(CredentialRevoked.Action.REVOKED, revoked.action());
        assertEquals(provider, revoked.providerId());
        assertEquals("Issued in error: the learner did not pass", revoked.reason());
        assertTrue(revoked.effectiveAt().isBefore(Instant.now().plusSeconds(1)));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("microcred_issuer_credentials_status_changes_total{action=\"revoked\""));
    }

    @Test
    void theStatusListIsPublicSignedCacheableAndCarriesItsTtl() {
        String provider = ProviderFixtures.register();
        issueOne(provider, null);

        var response = given().accept("application/vc+ld+json")
                .get("/providers/{id}/status-lists/revocation", provider).then().statusCode(200)
                .contentType(startsWith("application/vc+ld+json"))
                .header("Cache-Control", containsString("max-age=60"))
                .header("ETag", notNullValue())
                .extract();
        ObjectNode list = Revocations.json(response.asString());
        assertEquals(List.of("VerifiableCredential", "BitstringStatusListCredential"),
                Revocations.MAPPER.convertValue(list.get("type"), List.class));
        assertEquals(Revocations.didDocument(provider).path("id").asText(), list.path("issuer").asText());
        assertEquals(60_000, list.path("credentialSubject").path("ttl").asLong());
        assertEquals("revocation", list.path("credentialSubject").path("statusPurpose").asText());
        assertEquals("eddsa-rdfc-2022", list.path("proof").path("cryptosuite").asText());

        given().accept(ContentType.JSON).get("/providers/{id}/status-lists/suspension", provider)
                .then().statusCode(200).contentType(startsWith("application/json"))
                .body("credentialSubject.statusPurpose", equalTo("suspension"));
        given().header("If-None-Match", response.header("ETag"))
                .get("/providers/{id}/status-lists/revocation", provider).then().statusCode(304);
    }

    @Test
    void aRotatedKeySignsTheNextStatusList() {
        String provider = ProviderFixtures.register();
        String credentialId = issueOne(provider, null);
        BitstringStatusListEntry revocation = entry(credential(credentialId), "revocation");
        String before = given().get("/providers/{id}/status-lists/revocation", provider).then().statusCode(200)
                .extract().jsonPath().getString("proof.verificationMethod");

        given().auth().oauth2(DevTokens.provider(provider)).post("/providers/{id}/keys/rotate", provider)
                .then().statusCode(200);

        String after = given().get("/providers/{id}/status-lists/revocation", provider).then().statusCode(200)
                .extract().jsonPath().getString("proof.verificationMethod");
        assertNotEquals(before, after);
        assertFalse(isSet(provider, revocation));
    }

    @Test
    void suspendingThenReinstatingFlipsTheSuspensionBitBack() {
        String provider = ProviderFixtures.register();
        String credentialId = issueOne(provider, null);
        ObjectNode issued = credential(credentialId);
        BitstringStatusListEntry suspension = entry(issued, "suspension");
        BitstringStatusListEntry revocation = entry(issued, "revocation");

        changeAsProvider(provider, credentialId, "suspend", "Grade under appeal").then().statusCode(200)
                .body("status", equalTo("suspended")).body("reason", equalTo("Grade under appeal"));
        assertTrue(isSet(provider, suspension));
        assertFalse(isSet(provider, revocation));

        changeAsProvider(provider, credentialId, "reinstate", "Appeal upheld").then().statusCode(200)
                .body("status", equalTo("active")).body("reason", equalTo("Appeal upheld"));
        assertFalse(isSet(provider, suspension));
        assertFalse(isSet(provider, revocation));
        given().get("/credentials/{id}/status", credentialId).then().statusCode(200)
                .body("status", equalTo("active"));

        await().atMost(Duration.ofSeconds(20)).until(() -> statusEvents(credentialId).size() == 2);
        assertEquals(List.of(CredentialRevoked.Action.SUSPENDED, CredentialRevoked.Action.REINSTATED),
                statusEvents(credentialId).stream().map(CredentialRevoked::action).toList());
    }

    @Test
    void revocationIsFinalAndOnlyASuspendedCredentialIsReinstated() {
        String provider = ProviderFixtures.register();
        String credentialId = issueOne(provider, null);

        conflict(changeAsProvider(provider, credentialId, "reinstate", "Nothing to undo"), "not suspended");
        changeAsProvider(provider, credentialId, "suspend", "Audit").then().statusCode(200);
        conflict(changeAsProvider(provider, credentialId, "suspend", "Audit again"), "already suspended");
        changeAsProvider(provider, credentialId, "revoke", "Audit failed").then().statusCode(200)
                .body("status", equalTo("revoked"));
        conflict(changeAsProvider(provider, credentialId, "revoke", "Once more"), "final");
        conflict(changeAsProvider(provider, credentialId, "suspend", "Once more"), "final");
        conflict(changeAsProvider(provider, credentialId, "reinstate", "Once more"), "final");
        given().get("/credentials/{id}/status", credentialId).then().statusCode(200)
                .body("status", equalTo("revoked")).body("reason", equalTo("Audit failed"));
    }

    @Test
    void onlyTheCredentialsOwnProviderOrAnOperatorChangesItsStatus() {
        String provider = ProviderFixtures.register();
        String other = ProviderFixtures.register();
        String credentialId = issueOne(provider, null);

        changeAsProvider(other, credentialId, "revoke", "Not mine").then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE).body("status", equalTo(403));
        change(DevTokens.employer("emp-1"), credentialId, "suspend", Map.of("reason", "Employer"))
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        given().contentType(ContentType.JSON).body(Map.of("reason", "Anonymous"))
                .post("/credentials/{id}/revoke", credentialId).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        given().get("/credentials/{id}/status", credentialId).then().statusCode(200).body("status", equalTo("active"));

        change(DevTokens.operator(), credentialId, "suspend", Map.of("reason", "Registry audit"))
                .then().statusCode(200).body("status", equalTo("suspended"));
    }

    @Test
    void anUnknownCredentialOrStatusListAnswers404() {
        String provider = ProviderFixtures.register();
        changeAsProvider(provider, "no-such-credential", "revoke", "Typo").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("no-such-credential"));
        given().get("/credentials/{id}/status", "no-such-credential").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        given().get("/providers/{id}/status-lists/revocation", "no-such-provider").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        given().get("/providers/{id}/status-lists/refresh", provider).then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("revocation"));
    }

    @Test
    void aMissingBlankOrOverlongReasonIsRejectedWithTheViolation() {
        String provider = ProviderFixtures.register();
        String credentialId = issueOne(provider, null);
        String token = DevTokens.provider(provider);

        for (Object body : List.of(Map.of(), Map.of("reason", "   "), Map.of("reason", "x".repeat(501)))) {
            change(token, credentialId, "revoke", body).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("violations.field", hasItem("reason"));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).post("/credentials/{id}/suspend", credentialId)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("violations.field", hasItem("reason"));
        given().get("/credentials/{id}/status", credentialId).then().statusCode(200)
                .body("status", equalTo("active")).body("reason", nullValue());
        change(token, credentialId, "revoke", Map.of("reason", "x".repeat(500))).then().statusCode(200);
    }

    @Test
    void aVcJwtCredentialCarriesBothStatusEntriesInItsSignedPayload() {
        String provider = ProviderFixtures.register();
        String credentialId = issueOne(provider, "vc-jwt");
        String jwt = given().get("/credentials/{id}.jwt", credentialId).then().statusCode(200).extract().asString();
        VerificationResult verified = VcJwt.verify(jwt, KeyResolver.didDocument(Revocations.didDocument(provider)));
        assertTrue(verified.verified(), () -> verified.reason() + ": " + verified.message());
        BitstringStatusListEntry revocation = entry(verified.credential(), "revocation");
        entry(verified.credential(), "suspension");

        changeAsProvider(provider, credentialId, "revoke", "Withdrawn").then().statusCode(200);

        assertTrue(isSet(provider, revocation));
    }

    @Test
    void theOpenApiDocumentPublishesTheRevocationContract() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/credentials/{credentialId}/revoke'.post.responses.'409'.content.'application/problem+json'",
                        notNullValue())
                .body("paths.'/credentials/{credentialId}/reinstate'.post.requestBody", notNullValue())
                .body("paths.'/providers/{providerId}/status-lists/{purpose}'.get.responses.'404'", notNullValue());
    }

    private static void conflict(io.restassured.response.Response response, String detail) {
        response.then().statusCode(409).contentType(Problem.MEDIA_TYPE).body("detail", containsString(detail));
    }

    private static List<CredentialRevoked> statusEvents(String credentialId) {
        return TopicReader.read(Topics.CREDENTIALS, credentialId::equals).stream()
                .map(Published::event)
                .filter(e -> e.data() instanceof CredentialRevoked)
                .map(e -> (CredentialRevoked) e.data())
                .toList();
    }
}
