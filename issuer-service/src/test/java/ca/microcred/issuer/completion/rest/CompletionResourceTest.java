package ca.microcred.issuer.completion.rest;

import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.issuer.achievement.rest.AchievementFixtures;
import ca.microcred.issuer.provider.rest.ProviderFixtures;
import ca.microcred.issuer.support.Completions;
import ca.microcred.issuer.support.Completions.Scheduled;
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

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
        Scheduled scheduled = Completions.schedule();
        String provider = scheduled.providerId();
        String cohort = scheduled.cohortId();

        Response response = postAsProvider(provider, newId("key"), body(cohort, mixedCohort()));
        response.then().statusCode(202)
                .header("Location", containsString("/completions/"))
                .body("cohortId", equalTo(cohort))
                .body("providerId", equalTo(provider))
                .body("achievementId", equalTo(scheduled.achievementId()))
                .body("enrolled", equalTo(4))
                .body("passed", equalTo(3))
                .body("credentials", hasSize(3))
                .body("credentials.email", contains("Amelie.Tremblay@Example.ca", "jordan.smith@example.ca",
                        "noah.gagnon@example.ca"));
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
            assertEquals(scheduled.achievementId(), event.achievementId());
            assertEquals("eddsa-rdfc-2022", event.proofFormat());
            assertEquals("eddsa-rdfc-2022", event.credential().path("proof").path("cryptosuite").asText());
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
        assertEquals(scheduled.achievementId(), event.achievementId());
        assertEquals("Fondements de la cybersécurité industrielle", event.achievementName().fr());
        assertEquals("Industrial Cybersecurity Fundamentals", event.achievementName().en());
        assertEquals("QC", event.province());
        assertEquals("HYBRID", event.deliveryMode());
        assertEquals("fr", event.language());
        assertEquals(4, event.enrolled());
        assertEquals(4, event.completed());
        assertEquals(3, event.passed());
        // Jordan passed without consenting and Priya consented without passing: employers hear of neither
        assertThat(event.graduates().stream().map(CohortCompleted.Graduate::name).toList(),
                contains("Amélie Tremblay", "Noah Gagnon"));
        CohortCompleted.Graduate amelie = event.graduates().get(0);
        assertEquals("Amelie.Tremblay@Example.ca", amelie.email());
        assertEquals(List.of("https://portfolio.example.ca/amelie/capstone"), amelie.portfolioLinks());
        assertEquals(credentialIds.get(0), amelie.credentialId());
        assertEquals(credentialIds.get(2), event.graduates().get(1).credentialId());
        assertEquals("http://localhost:8083/verifications/" + amelie.credentialId(), amelie.verifyUrl());
        assertThat(event.graduates().get(1).portfolioLinks(), hasSize(0));
    }

    @Test
    void theCredentialEmbedsThePublishedAchievementWithResultEvidenceAndASaltedHashOnly() throws Exception {
        Scheduled scheduled = Completions.schedule(ProviderFixtures.register(false));
        Map<String, Object> learner = Completions.learner("Amélie Tremblay", "Amelie.Tremblay@Example.ca", true, true,
                "https://portfolio.example.ca/amelie/capstone", "https://github.com/amelie/ot-lab");
        learner.put("grade", "A+");
        JsonPath accepted = postAsProvider(scheduled.providerId(), null, body(scheduled.cohortId(), List.of(learner)))
                .then().statusCode(202).extract().jsonPath();
        String credentialId = accepted.getString("credentials[0].credentialId");
        awaitCompleted(scheduled.providerId(), accepted.getString("id"));

        JsonPath credential = given().get("/credentials/{id}", credentialId)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                "https://microcred.ca/ns/microcredential/v1"), credential.getList("'@context'"));
        assertEquals("http://localhost:8081/credentials/" + credentialId, credential.getString("id"));
        assertEquals(List.of("VerifiableCredential", "OpenBadgeCredential"), credential.getList("type"));
        assertEquals(List.of("Profile"), credential.getList("issuer.type"));
        assertThat(credential.getString("issuer.id"), startsWith("did:web:"));
        assertEquals(accepted.getString("acceptedAt"), credential.getString("validFrom"));
        assertEquals(List.of("AchievementSubject"), credential.getList("credentialSubject.type"));
        List<Map<String, Object>> identifiers = credential.getList("credentialSubject.identifier");
        assertThat(identifiers, hasSize(1));
        Map<String, Object> identity = identifiers.get(0);
        assertEquals("IdentityObject", identity.get("type"));
        assertEquals("emailAddress", identity.get("identityType"));
        assertEquals(true, identity.get("hashed"));
        String salt = (String) identity.get("salt");
        assertThat(salt, not(blankOrNullString()));
        assertEquals("sha256$" + sha256Hex("amelie.tremblay@example.ca" + salt), identity.get("identityHash"));

        // the achievement is the one published, as its public URL serves it
        String achievementUrl = "http://localhost:8081/achievements/" + scheduled.achievementId();
        assertEquals(achievementUrl, credential.getString("credentialSubject.achievement.id"));
        assertEquals("Fondements de la cybersécurité industrielle",
                credential.getString("credentialSubject.achievement.name"));
        assertEquals("MicroCredential", credential.getString("credentialSubject.achievement.achievementType"));
        assertEquals("ESCO", credential.getString("credentialSubject.achievement.alignment[0].targetFramework"));
        assertEquals(45, credential.getInt("credentialSubject.achievement.workloadHours"));
        assertThat(credential.getString("credentialSubject.achievement.creator.id"), startsWith("did:web:"));

        assertEquals(List.of("Result"), credential.getList("credentialSubject.result[0].type"));
        assertEquals("A+", credential.getString("credentialSubject.result[0].value"));
        assertEquals("Completed", credential.getString("credentialSubject.result[0].status"));
        assertEquals(achievementUrl + "#result", credential.getString("credentialSubject.result[0].resultDescription"));
        assertEquals(credential.getString("credentialSubject.achievement.resultDescription[0].id"),
                credential.getString("credentialSubject.result[0].resultDescription"));
        assertEquals(List.of("https://portfolio.example.ca/amelie/capstone", "https://github.com/amelie/ot-lab"),
                credential.getList("evidence.id"));
        assertEquals(List.of("Evidence"), credential.getList("evidence[0].type"));

        String served = given().get("/credentials/{id}", credentialId).asString();
        assertThat(served, not(containsStringIgnoringCase("amelie.tremblay@")));
        assertThat(served, not(containsString("Amélie")));
    }

    @Test
    void aProviderThatNamesLearnersAddsTheNameAsAnUnhashedIdentity() {
        Scheduled scheduled = Completions.schedule(ProviderFixtures.register(true));
        JsonPath accepted = postAsProvider(scheduled.providerId(), null, body(scheduled.cohortId(), List.of(
                Completions.learner("Amélie Tremblay", "amelie@example.ca", true, false))))
                .then().statusCode(202).extract().jsonPath();
        awaitCompleted(scheduled.providerId(), accepted.getString("id"));
        JsonPath credential = given().get("/credentials/{id}", accepted.getString("credentials[0].credentialId"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals("emailAddress", credential.getString("credentialSubject.identifier[0].identityType"));
        assertEquals("name", credential.getString("credentialSubject.identifier[1].identityType"));
        assertEquals(false, credential.getBoolean("credentialSubject.identifier[1].hashed"));
        assertEquals("Amélie Tremblay", credential.getString("credentialSubject.identifier[1].identityHash"));
        assertThat(credential.getMap("credentialSubject.result[0]"), not(hasKey("value")));
        assertThat(credential.getMap(""), not(hasKey("evidence")));
    }

    @Test
    void eachCredentialComesWithALinkedInAddToProfileLink() {
        Scheduled scheduled = Completions.schedule();
        JsonPath accepted = postAsProvider(scheduled.providerId(), null, body(scheduled.cohortId(), mixedCohort()))
                .then().statusCode(202).extract().jsonPath();
        String credentialId = accepted.getString("credentials[0].credentialId");
        ZonedDateTime acceptedAt = Instant.parse(accepted.getString("acceptedAt")).atZone(ZoneOffset.UTC);
        URI link = URI.create(accepted.getString("credentials[0].linkedInAddToProfileUrl"));
        assertEquals("www.linkedin.com", link.getHost());
        assertEquals("/profile/add", link.getPath());
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : link.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertEquals("CERTIFICATION_NAME", query.get("startTask"));
        assertEquals("Fondements de la cybersécurité industrielle", query.get("name"));
        assertEquals("Collège Boréal", query.get("organizationName"));
        assertEquals(String.valueOf(acceptedAt.getYear()), query.get("issueYear"));
        assertEquals(String.valueOf(acceptedAt.getMonthValue()), query.get("issueMonth"));
        assertEquals("http://localhost:8081/credentials/" + credentialId, query.get("certUrl"));
        assertEquals(credentialId, query.get("certId"));
        assertThat(link.getRawQuery(), not(containsString(" ")));
        // the completion resource hands out the same links later
        given().auth().oauth2(DevTokens.provider(scheduled.providerId()))
                .get("/completions/{id}", accepted.getString("id"))
                .then().statusCode(200)
                .body("credentials.linkedInAddToProfileUrl",
                        contains(accepted.getList("credentials.linkedInAddToProfileUrl").toArray()));
    }

    @Test
    void theSameIdempotencyKeyAnswersTheSameCompletionAndIssuesNothingNew() {
        Scheduled scheduled = Completions.schedule();
        String provider = scheduled.providerId();
        String cohort = scheduled.cohortId();
        String key = newId("key");
        Map<String, Object> body = body(cohort, mixedCohort());
        body.put("proofFormat", "vc-jwt");

        JsonPath first = postAsProvider(provider, key, body).then().statusCode(202).extract().jsonPath();
        // the same request, spelled with the ids the cohort implies
        Map<String, Object> spelledOut = new java.util.LinkedHashMap<>(body);
        spelledOut.put("providerId", provider);
        spelledOut.put("achievementId", scheduled.achievementId());
        Response again = postAsProvider(provider, key, spelledOut);
        again.then().statusCode(202)
                .header("Idempotent-Replayed", "true")
                .header("Location", endsWith("/completions/" + first.getString("id")))
                .body("id", equalTo(first.getString("id")))
                .body("credentials.credentialId", contains(first.getList("credentials.credentialId").toArray()));

        awaitCompleted(provider, first.getString("id"));
        postAsProvider(provider, key, body).then().statusCode(202).body("id", equalTo(first.getString("id")));
        // the same key with another proof format is another request
        Map<String, Object> otherFormat = new java.util.LinkedHashMap<>(body);
        otherFormat.put("proofFormat", "eddsa-rdfc-2022");
        postAsProvider(provider, key, otherFormat).then().statusCode(422).contentType(PROBLEM);
        awaitPublished(first.getString("id"));
        assertEquals(1, IssuerDatabase.completionsForCohort(cohort));
        assertEquals(3, IssuerDatabase.credentialsForCohort(cohort));
        assertThat(TopicReader.read(Topics.COHORTS, cohort::equals), hasSize(1));
        Set<String> ids = Set.copyOf(first.getList("credentials.credentialId", String.class));
        assertThat(TopicReader.read(Topics.CREDENTIALS, ids::contains), hasSize(3));
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefused() {
        Scheduled scheduled = Completions.schedule();
        String key = newId("key");
        postAsProvider(scheduled.providerId(), key, body(scheduled.cohortId(), mixedCohort())).then().statusCode(202);
        Scheduled other = Completions.schedule(scheduled.providerId(), scheduled.achievementId());
        postAsProvider(scheduled.providerId(), key, body(other.cohortId(), mixedCohort()))
                .then().statusCode(422).contentType(PROBLEM)
                .body("status", equalTo(422))
                .body("detail", containsString("different request"));
        assertEquals(0, IssuerDatabase.completionsForCohort(other.cohortId()));
    }

    @Test
    void aSecondCompletionForTheSameCohortIsAConflictAndTheCohortIsClosed() {
        Scheduled scheduled = Completions.schedule();
        String provider = scheduled.providerId();
        String cohort = scheduled.cohortId();
        JsonPath first = postAsProvider(provider, newId("key"), body(cohort, mixedCohort()))
                .then().statusCode(202).extract().jsonPath();
        // the same learners again under a new key, or with no key: the cohort takes one completion only
        postAsProvider(provider, newId("key"), body(cohort, mixedCohort()))
                .then().statusCode(409).contentType(PROBLEM)
                .body("title", equalTo("Conflict"))
                .body("detail", containsString("Cohort '" + cohort + "' is closed"))
                .body("detail", containsString(first.getString("id")));
        postAsProvider(provider, null, body(cohort, List.of(
                Completions.learner("Amélie Tremblay", "amelie.tremblay@example.ca", true, true))))
                .then().statusCode(409).contentType(PROBLEM);
        given().auth().oauth2(DevTokens.provider(provider))
                .get("/providers/{p}/achievements/{a}/cohorts/{c}", provider, scheduled.achievementId(), cohort)
                .then().statusCode(200)
                .body("status", equalTo("CLOSED"))
                .body("closedBy", equalTo(first.getString("id")));
        awaitCompleted(provider, first.getString("id"));
        assertEquals(1, IssuerDatabase.completionsForCohort(cohort));
        assertEquals(3, IssuerDatabase.credentialsForCohort(cohort));
    }

    @Test
    void concurrentCompletionsOfOneCohortCloseItOnce() throws Exception {
        Scheduled scheduled = Completions.schedule();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> postAsProvider(scheduled.providerId(), newId("key"),
                        body(scheduled.cohortId(), mixedCohort())).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses, containsInAnyOrder(202, 409, 409, 409));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, IssuerDatabase.completionsForCohort(scheduled.cohortId()));
    }

    @Test
    void anUnknownCohortOrAchievementIsNotFound() {
        Scheduled scheduled = Completions.schedule();
        postAsProvider(scheduled.providerId(), null, body("no-such-cohort", mixedCohort()))
                .then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("Cohort 'no-such-cohort' does not exist"));
        Map<String, Object> body = body(scheduled.cohortId(), mixedCohort());
        body.put("achievementId", "no-such-achievement");
        postAsProvider(scheduled.providerId(), null, body)
                .then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("Achievement 'no-such-achievement' does not exist"));
        assertEquals(0, IssuerDatabase.completionsForCohort(scheduled.cohortId()));
    }

    @Test
    void anotherAchievementThanTheCohortsIsRefused() {
        Scheduled scheduled = Completions.schedule();
        String otherAchievement = AchievementFixtures.published(scheduled.providerId());
        Map<String, Object> body = body(scheduled.cohortId(), mixedCohort());
        body.put("achievementId", otherAchievement);
        postAsProvider(scheduled.providerId(), null, body)
                .then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", contains("achievementId"))
                .body("violations[0].message", containsString(scheduled.achievementId()));
        assertEquals(0, IssuerDatabase.completionsForCohort(scheduled.cohortId()));
    }

    @Test
    void aCohortOfAnotherProviderIsForbidden() {
        Scheduled scheduled = Completions.schedule();
        postAsProvider(ProviderFixtures.register(), null, body(scheduled.cohortId(), mixedCohort()))
                .then().statusCode(403).contentType(PROBLEM)
                .body("detail", equalTo("Cohort '" + scheduled.cohortId() + "' belongs to another provider"));
        // an operator naming the wrong provider is refused the same way
        Map<String, Object> body = body(scheduled.cohortId(), mixedCohort());
        body.put("providerId", ProviderFixtures.register());
        Completions.post(DevTokens.operator(), null, body).then().statusCode(403).contentType(PROBLEM);
        assertEquals(0, IssuerDatabase.completionsForCohort(scheduled.cohortId()));
    }

    @Test
    void anOperatorCompletesAnyProvidersCohort() {
        Scheduled scheduled = Completions.schedule();
        String id = Completions.post(DevTokens.operator(), null, body(scheduled.cohortId(), mixedCohort()))
                .then().statusCode(202).body("providerId", equalTo(scheduled.providerId())).extract().path("id");
        given().auth().oauth2(DevTokens.provider(scheduled.providerId())).get("/completions/{id}", id)
                .then().statusCode(200).body("providerId", equalTo(scheduled.providerId()));
        given().auth().oauth2(DevTokens.operator()).get("/completions/{id}", id)
                .then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void aProviderCannotReportForAnotherProvider() {
        Scheduled scheduled = Completions.schedule();
        Map<String, Object> body = body(scheduled.cohortId(), mixedCohort());
        body.put("providerId", newId("someone-else"));
        postAsProvider(scheduled.providerId(), null, body)
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        assertEquals(0, IssuerDatabase.completionsForCohort(scheduled.cohortId()));
    }

    @Test
    void anotherProvidersCompletionIsForbidden() {
        Scheduled scheduled = Completions.schedule();
        String id = postAsProvider(scheduled.providerId(), null, body(scheduled.cohortId(), mixedCohort()))
                .then().statusCode(202).extract().path("id");
        given().auth().oauth2(DevTokens.provider(newId("prov"))).get("/completions/{id}", id)
                .then().statusCode(403).contentType(PROBLEM)
                .body("title", equalTo("Forbidden"))
                .body("instance", equalTo("/completions/" + id));
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
