package ca.microcred.issuer.achievement.rest;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.AchievementPublished;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.issuer.provider.rest.ProviderFixtures;
import ca.microcred.issuer.provider.rest.TopicEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class AchievementResourceTest {

    @Test
    void aCompleteDefinitionIsDraftedWithAFullFrameworkReport() {
        String providerId = ProviderFixtures.register();
        given().auth().oauth2(DevTokens.provider(providerId)).contentType(ContentType.JSON)
                .body(AchievementFixtures.complete())
                .when().post("/providers/{p}/achievements", providerId)
                .then().statusCode(201)
                .header("Location", containsString("/providers/" + providerId + "/achievements/"))
                .body("status", equalTo("DRAFT"))
                .body("definition.name.fr", equalTo("Fondements de la cybersécurité industrielle"))
                .body("definition.occupations", containsInAnyOrder("22220", "21220"))
                .body("frameworkReport.complete", equalTo(true))
                .body("frameworkReport.taxonomyLink", equalTo(true))
                .body("frameworkReport.masteryAssessment", equalTo(true))
                .body("frameworkReport.portfolioEvidence", equalTo(true))
                .body("frameworkReport.verificationBody", equalTo(true))
                .body("frameworkReport.flexibleDelivery", equalTo(true))
                .body("frameworkReport.missing", empty());
    }

    @Test
    void anIncompleteDefinitionIsReportedInEnglishAndFrench() {
        String providerId = ProviderFixtures.register();
        given().auth().oauth2(DevTokens.provider(providerId)).contentType(ContentType.JSON)
                .body(AchievementFixtures.withoutMustHaves())
                .when().post("/providers/{p}/achievements", providerId)
                .then().statusCode(201)
                .body("frameworkReport.complete", equalTo(false))
                .body("frameworkReport.taxonomyLink", equalTo(false))
                .body("frameworkReport.masteryAssessment", equalTo(false))
                .body("frameworkReport.portfolioEvidence", equalTo(false))
                .body("frameworkReport.verificationBody", equalTo(false))
                .body("frameworkReport.flexibleDelivery", equalTo(false))
                .body("frameworkReport.missing.element", containsInAnyOrder("taxonomyLink", "masteryAssessment",
                        "portfolioEvidence", "verificationBody", "flexibleDelivery"))
                .body("frameworkReport.missing.find { it.element == 'masteryAssessment' }.en",
                        containsString("competency-based"))
                .body("frameworkReport.missing.find { it.element == 'masteryAssessment' }.fr",
                        containsString("fondée sur les compétences"));

        Map<String, Object> selfPacedInPerson = AchievementFixtures.withoutMustHaves();
        selfPacedInPerson.put("selfPaced", true);
        given().auth().oauth2(DevTokens.provider(providerId)).contentType(ContentType.JSON).body(selfPacedInPerson)
                .when().post("/providers/{p}/achievements", providerId)
                .then().statusCode(201)
                .body("frameworkReport.flexibleDelivery", equalTo(true))
                .body("frameworkReport.missing.element", hasSize(4));
    }

    @Test
    void everyInvalidElementIsListedInOneProblem() {
        String providerId = ProviderFixtures.register();
        Map<String, Object> bad = new HashMap<>();
        bad.put("name", Map.of("en", "Only English"));
        bad.put("description", Map.of("fr", "Seulement en français"));
        bad.put("learningOutcomes", List.of());
        bad.put("skills", List.of(Map.of("framework", "LINKEDIN", "code", "", "name", "x", "url", "not a url")));
        bad.put("assessment", Map.of("type", "VIBES"));
        bad.put("qualityAssuranceBody", Map.of("name", "QA"));
        bad.put("deliveryMode", "CARRIER_PIGEON");
        bad.put("workloadHours", 2500);
        bad.put("languages", List.of("English", "fr"));
        bad.put("occupations", List.of("1234", "22220"));
        bad.put("stacksInto", List.of("no-such-achievement"));
        given().auth().oauth2(DevTokens.provider(providerId)).contentType(ContentType.JSON).body(bad)
                .when().post("/providers/{p}/achievements", providerId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder(
                        "name.fr", "description.en", "criteria", "learningOutcomes",
                        "skills[0].framework", "skills[0].code", "skills[0].url",
                        "assessment.type", "assessment.competencyBased", "portfolioEvidenceRequired",
                        "qualityAssuranceBody.url", "deliveryMode", "selfPaced", "workloadHours", "level",
                        "languages[0]", "occupations[0]", "stacksInto[0]"));

        given().auth().oauth2(DevTokens.provider(providerId)).contentType(ContentType.JSON).body(Map.of())
                .when().post("/providers/{p}/achievements", providerId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("skills"))
                .body("violations.field", hasItem("workloadHours"));
    }

    @Test
    void unknownIdsAre404AndOtherProvidersAre403() {
        String providerId = ProviderFixtures.register();
        String token = DevTokens.provider(providerId);
        given().auth().oauth2(token).get("/providers/{p}/achievements/{a}", providerId, "no-such-achievement")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).post("/providers/{p}/achievements/{a}/publish", providerId, "no-such-achievement")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(AchievementFixtures.complete())
                .put("/providers/{p}/achievements/{a}", providerId, "no-such-achievement")
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/achievements/{a}", "no-such-achievement")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.operator()).get("/providers/{p}/achievements", "no-such-provider")
                .then().statusCode(404).contentType("application/problem+json");

        String achievementId = AchievementFixtures.draft(providerId, AchievementFixtures.complete());
        String otherProvider = ProviderFixtures.register();
        given().auth().oauth2(DevTokens.provider(otherProvider))
                .get("/providers/{p}/achievements/{a}", providerId, achievementId)
                .then().statusCode(403).contentType("application/problem+json");
        // through its own path another provider cannot reach it either
        given().auth().oauth2(DevTokens.provider(otherProvider))
                .get("/providers/{p}/achievements/{a}", otherProvider, achievementId)
                .then().statusCode(404).contentType("application/problem+json");
        // a draft is not public
        given().get("/achievements/{a}", achievementId).then().statusCode(404);
    }

    @Test
    void updatesAreListedAndStackingIsChecked() {
        String providerId = ProviderFixtures.register();
        String token = DevTokens.provider(providerId);
        String first = AchievementFixtures.draft(providerId, AchievementFixtures.complete());
        Map<String, Object> stacking = AchievementFixtures.complete();
        stacking.put("stacksInto", List.of(first));
        String second = AchievementFixtures.draft(providerId, stacking);

        Map<String, Object> changed = AchievementFixtures.complete();
        changed.put("workloadHours", 60);
        changed.put("stacksInto", List.of(first));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(changed)
                .put("/providers/{p}/achievements/{a}", providerId, second)
                .then().statusCode(200).body("definition.workloadHours", equalTo(60.0f)).body("revision", equalTo(2));

        Map<String, Object> selfStacking = AchievementFixtures.complete();
        selfStacking.put("stacksInto", List.of(second));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(selfStacking)
                .put("/providers/{p}/achievements/{a}", providerId, second)
                .then().statusCode(400).body("violations.field", containsInAnyOrder("stacksInto[0]"));

        given().auth().oauth2(token).get("/providers/{p}/achievements", providerId)
                .then().statusCode(200).body("id", containsInAnyOrder(first, second));
    }

    @Test
    void publishingEmitsAchievementPublishedOnceAndServesTheOpenBadgesAchievement() {
        String providerId = ProviderFixtures.register();
        String token = DevTokens.provider(providerId);
        String id = AchievementFixtures.draft(providerId, AchievementFixtures.complete());

        given().auth().oauth2(token).post("/providers/{p}/achievements/{a}/publish", providerId, id)
                .then().statusCode(200).body("status", equalTo("PUBLISHED"))
                .body("publicUrl", equalTo("http://localhost:8081/achievements/" + id));
        // publishing the same version again announces nothing new
        given().auth().oauth2(token).post("/providers/{p}/achievements/{a}/publish", providerId, id)
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));

        List<ConsumerRecord<String, byte[]>> records = TopicEvents.recordsFor(Topics.ACHIEVEMENTS, id,
                Duration.ofSeconds(30), Duration.ofSeconds(3));
        assertEquals(1, records.size(), "AchievementPublished published exactly once");
        Map<String, String> headers = new HashMap<>();
        for (Header header : records.get(0).headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        EventEnvelope event = new EventCodec().decode(headers, records.get(0).value());
        AchievementPublished published = (AchievementPublished) event.data();
        assertEquals(providerId, published.providerId());
        assertEquals("HYBRID", published.deliveryMode());
        assertEquals(List.of("en", "fr-CA"), published.languages());
        assertTrue(published.frameworkReport().complete());
        assertEquals("http://localhost:8081/achievements/" + id, published.url());

        given().when().get("/achievements/{a}", id)
                .then().statusCode(200)
                .body("'@context'", hasItem("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"))
                .body("id", equalTo("http://localhost:8081/achievements/" + id))
                .body("type", hasItem("Achievement"))
                .body("achievementType", equalTo("MicroCredential"))
                .body("name", equalTo("Industrial Cybersecurity Fundamentals"))
                .body("criteria.narrative", containsString("Complete the capstone project"))
                .body("criteria.narrative", containsString("- Segment an OT network"))
                .body("alignment[0].targetFramework", equalTo("ESCO"))
                .body("alignment[0].targetCode", equalTo("S1.8.1"))
                .body("alignment[0].targetName", equalTo("protect ICT devices"))
                .body("creator.id", equalTo("did:web:localhost%3A8081:providers:" + providerId))
                .body("creditsAvailable", equalTo(3.0f))
                .body("fieldOfStudy", equalTo("Manufacturing"))
                .body("inLanguage", equalTo("en"))
                .body("resultDescription[0].resultType", equalTo("Result"))
                .body("workloadHours", equalTo(45))
                .body("deliveryMode", equalTo("HYBRID"))
                .body("assessmentType", equalTo("PROJECT"))
                .body("competencyBased", equalTo(true))
                .body("portfolioRequired", equalTo(true))
                .body("qualityAssurance.type", equalTo("QualityAssuranceBody"))
                .body("qualityAssurance.url", equalTo("https://www.ocqas.org"))
                .body("'@context'", hasItem("https://microcred.ca/ns/microcredential/v1"))
                .body("occupations", containsInAnyOrder("22220", "21220"))
                .body("learningOutcomes", hasItem("Segment an OT network"))
                .body("teachingLanguages", containsInAnyOrder("en", "fr-CA"))
                .body("proof", nullValue());

        given().queryParam("lang", "fr").when().get("/achievements/{a}", id)
                .then().statusCode(200)
                .body("name", equalTo("Fondements de la cybersécurité industrielle"))
                .body("criteria.narrative", containsString("Résultats d'apprentissage"));
        given().header("Accept-Language", "fr-CA,fr;q=0.9").when().get("/achievements/{a}", id)
                .then().statusCode(200).body("description", endsWith("des usines."));
    }

    @Test
    void aChangedDefinitionIsAnnouncedAgainWhenRepublished() {
        String providerId = ProviderFixtures.register();
        String token = DevTokens.provider(providerId);
        String id = AchievementFixtures.published(providerId);
        Map<String, Object> changed = AchievementFixtures.complete();
        changed.put("level", "Advanced");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(changed)
                .put("/providers/{p}/achievements/{a}", providerId, id)
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));
        given().auth().oauth2(token).post("/providers/{p}/achievements/{a}/publish", providerId, id)
                .then().statusCode(200);
        List<ConsumerRecord<String, byte[]>> records = TopicEvents.recordsFor(Topics.ACHIEVEMENTS, id,
                Duration.ofSeconds(30), Duration.ofSeconds(3));
        assertEquals(2, records.size());
        assertTrue(TopicEvents.data(records.get(1)).contains("\"level\":\"Advanced\""));
        given().get("/achievements/{a}", id).then().statusCode(200).body("level", equalTo("Advanced"))
                .body("version", equalTo("2"));
    }
}
