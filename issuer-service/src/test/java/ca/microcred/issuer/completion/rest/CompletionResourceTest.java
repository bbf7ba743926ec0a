package ca.microcred.issuer.completion.rest;

import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.issuer.support.Completions;
import ca.microcred.issuer.support.IssuerDatabase;
import ca.microcred.issuer.support.TopicReader;
import ca.microcred.issuer.support.TopicReader.Published;
import ca.microcred.support.outbox.OutboxEntry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static ca.microcred.issuer.support.Completions.awaitCompleted;
import static ca.microcred.issuer.support.Completions.body;
import static ca.microcred.issuer.support.Completions.mixedCohort;
import static ca.microcred.issuer.support.Completions.newId;
import static ca.microcred.issuer.support.Completions.postAsProvider;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.blankOrNullString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class CompletionResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void passedLearnersGetCredentialsAndTheCohortIsAnnouncedWithConsentingGraduatesOnly() throws Exception {
        String provider = newId("prov");
        String cohort = newId("cohort");

        Response response = postAsProvider(provider, newId("key"), body(cohort, mixedCohort()));
        response.then().statusCode(202)
                .header("Location", containsString("/completions/"))
                .body("cohortId", equalTo(cohort))
                .body("providerId", equalTo(provider))
                .body("enrolled", equalTo(4))
                .body("passed", equalTo(3))
                .body("credentials", hasSize(3));
        JsonPath accepted = response.jsonPath();
        String completionId = accepted.getString("id");
        assertThat(response.header("Location"), endsWith("/completions/" + completionId));
        List<String> credentialIds = accepted.getList("credentials.credentialId");
        assertThat(accepted.getList("credentials.url", String.class),
                everyItem(startsWith("http://localhost:8081/credentials/")));

        awaitCompleted(provider, completionId);
        given().auth().oauth2(DevTokens.provider(provider)).get("/completions/{id}", completionId)
                .then().statusCode(200)
                .body("issued", equalTo(3))
                .body("credentials.credentialId", contains(credentialIds.toArray()));
        awaitPublished(completionId);

        List<Published> issued = TopicReader.read(Topics.CREDENTIALS, credentialIds::contains);
        assertThat(issued.stream().map(Published::key).toList(), containsInAnyOrder(credentialIds.toArray()));
        for (Published record : issued) {
            assertCloudEventHeaders(record, "ca.microcred.credential.issued.v1",
                    "https://microcred.ca/schemas/credential.issued.v1.json");
            CredentialIssued event = (CredentialIssued) record.event().data();
            assertEquals(record.key(), event.credentialId());
            assertEquals(provider, event.providerId());
            assertEquals(cohort, event.cohortId());
            assertEquals("ach-data-analytics", event.achievementId());
            assertEquals("none", event.proofFormat());
            assertFalse(event.credential().has("proof"));
            assertEquals("http://localhost:8081/credentials/" + event.credentialId(), event.publicUrl());
            // the public URL serves exactly what was announced
            String served = given().get("/credentials/{id}", event.credentialId())
                    .then().statusCode(200).contentType("application/json").extract().asString();
            assertEquals(new ObjectMapper().readTree(served), event.credential());
        }

        List<Published> completed = TopicReader.read(Topics.COHORTS, cohort::equals);
        assertThat(completed, hasSize(1));
        assertCloudEventHeaders(completed.get(0), "ca.microcred.cohort.completed.v1",
                "https://microcred.ca/schemas/cohort.completed.v1.json");
        CohortCompleted event = (CohortCompleted) completed.get(0).event().data();
        assertEquals(completionId, event.completionId());
        assertEquals(provider, event.providerId());
        assertEquals("Analyse de données appliquée", event.achievementName().fr());
        assertEquals("QC", event.province());
        assertEquals("HYBRID", event.deliveryMode());
        assertEquals("fr", event.language());
        assertEquals(4, event.enrolled());
        assertEquals(4, event.completed());
        assertEquals(3, event.passed());
        assertThat(event.graduates().stream().map(CohortCompleted.Graduate::name).toList(),
                contains("Amélie Tremblay", "Noah Gagnon"));
        CohortCompleted.Graduate amelie = event.graduates().get(0);
        assertEquals("Amelie.Tremblay@Example.ca", amelie.email());
        assertEquals(List.of("https://portfolio.example.ca/amelie/capstone"), amelie.portfolioLinks());
        assertEquals(credentialIds.get(0), amelie.credentialId());
        assertEquals(credentialIds.get(2), event.graduates().get(1).credentialId());
        assertEquals("http://localhost:8083/verifications/" + amelie.credentialId(), amelie.verifyUrl());
    }

    @Test
    void theCredentialIsAnUnsignedOpenBadgeNamingTheLearnerOnlyByASaltedHash() throws Exception {
        String provider = newId("prov");
        String cohort = newId("cohort");
        JsonPath accepted = postAsProvider(provider, null, body(cohort, List.of(
                Completions.learner("Amélie Tremblay", "Amelie.Tremblay@Example.ca", true, true))))
                .then().statusCode(202).extract().jsonPath();
        String credentialId = accepted.getString("credentials[0].credentialId");
        awaitCompleted(provider, accepted.getString("id"));

        JsonPath credential = given().get("/credentials/{id}", credentialId)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"), credential.getList("'@context'"));
        assertEquals("http://localhost:8081/credentials/" + credentialId, credential.getString("id"));
        assertEquals(List.of("VerifiableCredential", "OpenBadgeCredential"), credential.getList("type"));
        assertEquals(List.of("Profile"), credential.getList("issuer.type"));
        assertEquals("urn:microcred:provider:" + provider, credential.getString("issuer.id"));
        assertThat(credential.getString("issuer.name"), not(blankOrNullString()));
        assertThat(credential.getString("validFrom"), not(blankOrNullString()));
        assertThat(credential.getMap(""), not(hasKey("proof")));
        assertEquals(List.of("AchievementSubject"), credential.getList("credentialSubject.type"));
        Map<String, Object> identity = credential.getMap("credentialSubject.identifier[0]");
        assertEquals("IdentityObject", identity.get("type"));
        assertEquals("emailAddress", identity.get("identityType"));
        assertEquals(true, identity.get("hashed"));
        String salt = (String) identity.get("salt");
        assertThat(salt, not(blankOrNullString()));
        assertEquals("sha256$" + sha256Hex("amelie.tremblay@example.ca" + salt), identity.get("identityHash"));
        assertEquals("http://localhost:8081/achievements/ach-data-analytics",
                credential.getString("credentialSubject.achievement.id"));
        assertEquals(List.of("Achievement"), credential.getList("credentialSubject.achievement.type"));
        assertEquals("Analyse de données appliquée", credential.getString("credentialSubject.achievement.name"));
        assertThat(credential.getString("credentialSubject.achievement.description"), not(blankOrNullString()));
        assertThat(credential.getString("credentialSubject.achievement.criteria.narrative"), not(blankOrNullString()));
        assertThat(given().get("/credentials/{id}", credentialId).asString(),
                not(containsStringIgnoringCase("amelie.tremblay@")));
    }

    @Test
    void theSameIdempotencyKeyAnswersTheSameCompletionAndIssuesNothingNew() {
        String provider = newId("prov");
        String cohort = newId("cohort");
        String key = newId("key");
        Map<String, Object> body = body(cohort, mixedCohort());

        JsonPath first = postAsProvider(provider, key, body).then().statusCode(202).extract().jsonPath();
        Response again = postAsProvider(provider, key, body);
        again.then().statusCode(202)
                .header("Idempotent-Replayed", "true")
                .header("Location", endsWith("/completions/" + first.getString("id")))
                .body("id", equalTo(first.getString("id")))
                .body("credentials.credentialId", contains(first.getList("credentials.credentialId").toArray()));

        awaitCompleted(provider, first.getString("id"));
        postAsProvider(provider, key, body).then().statusCode(202).body("id", equalTo(first.getString("id")));
        awaitPublished(first.getString("id"));
        assertEquals(1, IssuerDatabase.completionsForCohort(cohort));
        assertEquals(3, IssuerDatabase.credentialsForCohort(cohort));
        assertThat(TopicReader.read(Topics.COHORTS, cohort::equals), hasSize(1));
        Set<String> ids = Set.copyOf(first.getList("credentials.credentialId", String.class));
        assertThat(TopicReader.read(Topics.CREDENTIALS, ids::contains), hasSize(3));
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefused() {
        String provider = newId("prov");
        String key = newId("key");
        postAsProvider(provider, key, body(newId("cohort"), mixedCohort())).then().statusCode(202);
        postAsProvider(provider, key, body(newId("cohort"), mixedCohort()))
                .then().statusCode(422).contentType(PROBLEM)
                .body("status", equalTo(422))
                .body("detail", containsString("different request"));
    }

    @Test
    void aSecondCompletionForTheSameCohortIsAConflict() {
        String provider = newId("prov");
        String cohort = newId("cohort");
        JsonPath first = postAsProvider(provider, newId("key"), body(cohort, mixedCohort()))
                .then().statusCode(202).extract().jsonPath();
        postAsProvider(provider, newId("key"), body(cohort, mixedCohort()))
                .then().statusCode(409).contentType(PROBLEM)
                .body("title", equalTo("Conflict"))
                .body("detail", containsString("Cohort '" + cohort + "' is closed"))
                .body("detail", containsString(first.getString("id")));
        postAsProvider(provider, null, body(cohort, mixedCohort())).then().statusCode(409).contentType(PROBLEM);
        // another provider learns only that the cohort is closed
        postAsProvider(newId("prov"), null, body(cohort, mixedCohort()))
                .then().statusCode(409).contentType(PROBLEM)
                .body("detail", equalTo("Cohort '" + cohort + "' is closed: it already has a completion"));
        assertEquals(1, IssuerDatabase.completionsForCohort(cohort));
    }

    @Test
    void anOperatorActsForTheProviderNamedInTheBody() {
        String provider = newId("prov");
        Map<String, Object> body = body(newId("cohort"), mixedCohort());
        body.put("providerId", provider);
        String id = Completions.post(DevTokens.operator(), null, body)
                .then().statusCode(202).body("providerId", equalTo(provider)).extract().path("id");
        given().auth().oauth2(DevTokens.provider(provider)).get("/completions/{id}", id)
                .then().statusCode(200).body("providerId", equalTo(provider));
        given().auth().oauth2(DevTokens.operator()).get("/completions/{id}", id)
                .then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void aProviderCannotReportForAnotherProvider() {
        Map<String, Object> body = body(newId("cohort"), mixedCohort());
        body.put("providerId", newId("someone-else"));
        postAsProvider(newId("prov"), null, body)
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        assertEquals(0, IssuerDatabase.completionsForCohort((String) body.get("cohortId")));
    }

    @Test
    void anotherProvidersCompletionIsForbidden() {
        String owner = newId("prov");
        String id = postAsProvider(owner, null, body(newId("cohort"), mixedCohort()))
                .then().statusCode(202).extract().path("id");
        given().auth().oauth2(DevTokens.provider(newId("prov"))).get("/completions/{id}", id)
                .then().statusCode(403).contentType(PROBLEM)
                .body("title", equalTo("Forbidden"))
                .body("instance", equalTo("/completions/" + id));
    }

    @Test
    void anUnknownCompletionIsNotFound() {
        given().auth().oauth2(DevTokens.operator()).get("/completions/{id}", "no-such-completion")
                .then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404))
                .body("detail", equalTo("Completion 'no-such-completion' does not exist"));
    }

    @Test
    void anUnknownCredentialIsNotFound() {
        given().get("/credentials/{id}", "no-such-credential")
                .then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("Credential 'no-such-credential' does not exist"));
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        given().contentType(Completions.JSON_UTF8).body(body(newId("cohort"), mixedCohort())).post("/completions")
                .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", "Bearer");
        given().get("/completions/{id}", "anything").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(DevTokens.expired("someone", Set.of("provider"), Map.of("provider_id", "p")))
                .get("/completions/{id}", "anything").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void anEmployerTokenIsForbidden() {
        Map<String, Object> body = body(newId("cohort"), mixedCohort());
        Completions.post(DevTokens.employer(newId("emp")), null, body)
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        given().auth().oauth2(DevTokens.employer(newId("emp"))).get("/completions/{id}", "anything")
                .then().statusCode(403).contentType(PROBLEM);
        assertEquals(0, IssuerDatabase.completionsForCohort((String) body.get("cohortId")));
    }

    /** Waits until the relay has published every event the completion and its credentials carry. */
    static void awaitPublished(String completionId) {
        awaitPublished(completionId, Duration.ofSeconds(30));
    }

    static void awaitPublished(String completionId, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Document completion = IssuerDatabase.completion(completionId);
            assertEquals("COMPLETED", completion.getString("status"));
            assertEquals(false, completion.getBoolean(OutboxEntry.PENDING));
            assertEquals(0, IssuerDatabase.credentials().countDocuments(Filters.and(
                    Filters.eq("completionId", completionId), Filters.eq(OutboxEntry.PENDING, true))));
        });
    }

    private static void assertCloudEventHeaders(Published record, String type, String dataschema) {
        Map<String, String> headers = record.headers();
        assertEquals("1.0", headers.get("ce_specversion"));
        assertEquals(type, headers.get("ce_type"));
        assertEquals("/issuer-service", headers.get("ce_source"));
        assertEquals(record.key(), headers.get("ce_subject"));
        assertEquals(dataschema, headers.get("ce_dataschema"));
        assertEquals("application/json", headers.get("content-type"));
        assertThat(headers.get("ce_id"), not(blankOrNullString()));
        assertThat(headers.get("ce_time"), not(blankOrNullString()));
        assertEquals(headers.get("ce_id"), record.event().id());
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
