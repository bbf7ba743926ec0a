package ca.microcred.notification.subscription.rest;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.notification.support.Signatures;
import ca.microcred.notification.support.Subscriptions;
import ca.microcred.notification.support.TestEvents;
import ca.microcred.notification.support.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class SubscriptionLifecycleTest {

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
    void afterARotationWebhooksAreSignedWithTheNewAndTheOldSecret() {
        String employer = "emp-" + UUID.randomUUID();
        JsonPath created = Subscriptions.create(employer, List.of("ach-" + UUID.randomUUID()), receiver.url("/hooks"));
        String id = created.getString("id");
        String oldSecret = created.getString("secret");

        String newSecret = given().auth().oauth2(DevTokens.employer(employer))
                .when().post("/subscriptions/" + id + "/secret/rotate")
                .then().statusCode(200)
                .body("id", equalTo(id))
                .extract().path("secret");
        assertNotEquals(oldSecret, newSecret);
        String deliveryId = given().auth().oauth2(DevTokens.employer(employer))
                .when().post("/subscriptions/" + id + "/test")
                .then().statusCode(202)
                .body("deliveryId", startsWith(id + ":test-"))
                .extract().path("deliveryId");

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedWithId(deliveryId).size() == 1);
        WebhookReceiver.Received webhook = receiver.receivedWithId(deliveryId).get(0);
        String[] signatures = webhook.header("webhook-signature").split(" ");
        assertEquals(2, signatures.length);
        assertTrue(Signatures.verify(newSecret, webhook));
        assertTrue(Signatures.verify(oldSecret, webhook), "the old secret stays valid for 24 h");
        assertTrue(webhook.body().contains("\"achievementName\":{\"en\":\"Sample micro-credential\""));
    }

    @Test
    void aPausedSubscriptionMissesCohortsUntilResumed() {
        String employer = "emp-" + UUID.randomUUID();
        String achievement = "ach-" + UUID.randomUUID();
        String id = Subscriptions.create(employer, List.of(achievement), receiver.url("/hooks")).getString("id");
        given().auth().oauth2(DevTokens.employer(employer))
                .when().post("/subscriptions/" + id + "/pause")
                .then().statusCode(200).body("paused", equalTo(true));
        CohortCompleted whilePaused = TestEvents.cohort(achievement);
        int partition = TestEvents.publish(EventEnvelope.of(TestEvents.SOURCE, whilePaused));
        // the paused cohort is handled before this marker, which is on the same partition
        String markerAchievement = "ach-" + UUID.randomUUID();
        String marker = Subscriptions.create(employer, List.of(markerAchievement), receiver.url("/marker")).getString("id");
        CohortCompleted markerCohort = TestEvents.cohort(markerAchievement);
        TestEvents.publish(EventEnvelope.of(TestEvents.SOURCE, markerCohort), partition);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                receiver.receivedWithId(marker + ":" + markerCohort.cohortId()).size() == 1);

        given().auth().oauth2(DevTokens.employer(employer))
                .when().post("/subscriptions/" + id + "/resume")
                .then().statusCode(200).body("paused", equalTo(false));
        CohortCompleted afterResume = TestEvents.cohort(achievement);
        TestEvents.publish(EventEnvelope.of(TestEvents.SOURCE, afterResume), partition);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                receiver.receivedWithId(id + ":" + afterResume.cohortId()).size() == 1);
        assertEquals(List.of(), receiver.receivedWithId(id + ":" + whilePaused.cohortId()));
    }

    @Test
    void anotherEmployerCannotRotatePauseOrTest() {
        String id = Subscriptions.create("emp-" + UUID.randomUUID(), List.of("ach-a"), receiver.url("/hooks"))
                .getString("id");
        for (String action : List.of("/secret/rotate", "/pause", "/resume", "/test")) {
            given().auth().oauth2(DevTokens.employer("emp-" + UUID.randomUUID()))
                    .when().post("/subscriptions/" + id + action)
                    .then().statusCode(404)
                    .contentType("application/problem+json");
        }
    }
}
