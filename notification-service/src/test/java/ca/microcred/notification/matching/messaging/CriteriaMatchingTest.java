package ca.microcred.notification.matching.messaging;

import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.notification.achievement.repository.AchievementRepository;
import ca.microcred.notification.support.Signatures;
import ca.microcred.notification.support.Subscriptions;
import ca.microcred.notification.support.TestEvents;
import ca.microcred.notification.support.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class CriteriaMatchingTest {

    @Inject
    AchievementRepository achievements;

    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aCohortReachesExactlyTheSubscriptionsWhoseEveryCriterionItMeets() {
        String achievement = "ach-" + UUID.randomUUID();
        String provider = "prov-" + UUID.randomUUID();
        String skill = "S-" + UUID.randomUUID();
        TestEvents.publish(TestEvents.achievement(achievement, provider, skill, "21211", "Data Analytics", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> achievements.findByIdOptional(achievement).isPresent());
        String hook = receiver.url("/hooks");
        String employer = "emp-" + UUID.randomUUID();
        Map<String, String> skillCriterion = Map.of("framework", "ESCO", "code", skill);

        JsonPath bySkillInQuebec = Subscriptions.create(employer, Map.of("skills", List.of(skillCriterion),
                "provinces", List.of("ON", "QC"), "webhookUrl", hook));
        JsonPath bySkillInBc = Subscriptions.create(employer, Map.of("skills", List.of(skillCriterion),
                "provinces", List.of("BC"), "webhookUrl", hook));
        JsonPath byProviderInFrench = Subscriptions.create(employer, Map.of("providerIds", List.of(provider),
                "languages", List.of("fr"), "webhookUrl", hook));
        JsonPath byOccupationInPerson = Subscriptions.create(employer, Map.of("occupations", List.of("21211"),
                "providerIds", List.of(provider), "deliveryModes", List.of("IN_PERSON"), "webhookUrl", hook));
        CohortCompleted cohort = TestEvents.cohort(achievement, provider, "QC", "ONLINE", "fr-CA");

        TestEvents.publish(cohort);

        String first = bySkillInQuebec.getString("id") + ":" + cohort.cohortId();
        String second = byProviderInFrench.getString("id") + ":" + cohort.cohortId();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                receiver.receivedWithId(first).size() == 1 && receiver.receivedWithId(second).size() == 1);
        assertTrue(Signatures.verify(bySkillInQuebec.getString("secret"), receiver.receivedWithId(first).get(0)));
        assertTrue(Signatures.verify(byProviderInFrench.getString("secret"), receiver.receivedWithId(second).get(0)));
        // every delivery of a cohort is created before any is sent, so the others would exist by now
        for (JsonPath unmatched : List.of(bySkillInBc, byOccupationInPerson)) {
            List<Object> log = given().auth().oauth2(DevTokens.employer(employer))
                    .when().get("/subscriptions/" + unmatched.getString("id") + "/deliveries")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertEquals(List.of(), log);
        }
        assertEquals(2, receiver.received().size());
    }

    @Test
    void aCohortThatArrivesBeforeItsMicroCredentialStillReachesSkillAndOccupationSubscriptionsOnce() {
        String achievement = "ach-" + UUID.randomUUID();
        String provider = "prov-" + UUID.randomUUID();
        String skill = "S-" + UUID.randomUUID();
        String hook = receiver.url("/hooks");
        String employer = "emp-" + UUID.randomUUID();
        JsonPath bySkill = Subscriptions.create(employer, Map.of(
                "skills", List.of(Map.of("framework", "ESCO", "code", skill)), "webhookUrl", hook));
        JsonPath byOccupation = Subscriptions.create(employer, Map.of("occupations", List.of("21211"),
                "webhookUrl", hook));
        JsonPath byAchievement = Subscriptions.create(employer, Map.of("achievementIds", List.of(achievement),
                "webhookUrl", hook));
        CohortCompleted cohort = TestEvents.cohort(achievement, provider, "QC", "ONLINE", "fr-CA");

        // the completion is consumed first: only what the event itself says can match
        TestEvents.publish(cohort);
        String direct = byAchievement.getString("id") + ":" + cohort.cohortId();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedWithId(direct).size() == 1);
        String viaSkill = bySkill.getString("id") + ":" + cohort.cohortId();
        String viaOccupation = byOccupation.getString("id") + ":" + cohort.cohortId();
        assertEquals(List.of(), receiver.receivedWithId(viaSkill));

        // the micro-credential arrives: its skills and occupations now match the waiting cohort
        TestEvents.publish(TestEvents.achievement(achievement, provider, skill, "21211", "Data Analytics", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                receiver.receivedWithId(viaSkill).size() == 1 && receiver.receivedWithId(viaOccupation).size() == 1);
        assertTrue(Signatures.verify(bySkill.getString("secret"), receiver.receivedWithId(viaSkill).get(0)));

        // the micro-credential published again (a new version) notifies nobody twice
        TestEvents.publish(TestEvents.achievement(achievement, provider, skill, "21211", "Data Analytics",
                Instant.now().plusSeconds(1)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                receiver.receivedWithId(direct).size() == 1 && receiver.receivedWithId(viaSkill).size() == 1
                        && receiver.receivedWithId(viaOccupation).size() == 1);
    }
}
