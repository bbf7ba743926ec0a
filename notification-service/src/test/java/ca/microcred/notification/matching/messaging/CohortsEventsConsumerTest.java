package ca.microcred.notification.matching.messaging;

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
class CohortsEventsConsumerTest {

    private static final Duration DELIVERY = Duration.ofSeconds(30);

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
    void aMatchingCohortReachesTheSubscriberOnceSignedWithItsSecret() {
        String employer = "emp-" + UUID.randomUUID();
        String achievement = "ach-" + UUID.randomUUID();
        JsonPath subscription = Subscriptions.create(employer, List.of("ach-unrelated", achievement),
                receiver.url("/hooks/microcred"));
        String secret = subscription.getString("secret");
        CohortCompleted cohort = TestEvents.cohort(achievement);

        EventEnvelope event = TestEvents.publish(cohort);

        String deliveryId = subscription.getString("id") + ":" + cohort.cohortId();
        await().atMost(DELIVERY).until(() -> receiver.receivedWithId(deliveryId).size() == 1);
        WebhookReceiver.Received webhook = receiver.receivedWithId(deliveryId).get(0);

        assertTrue(Signatures.verify(secret, webhook), "the signature verifies with the secret from the create answer");
        assertTrue(webhook.header("content-type").startsWith("application/cloudevents+json"));
        long timestamp = Long.parseLong(webhook.header("webhook-timestamp"));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 60, "timestamp is the attempt time");
        assertTrue(webhook.header("webhook-signature").startsWith("v1,"));

        JsonPath body = JsonPath.from(webhook.body());
        assertEquals("1.0", body.getString("specversion"));
        assertEquals(deliveryId, body.getString("id"));
        assertEquals("https://microcred.ca/notification-service", body.getString("source"));
        assertEquals("ca.microcred.notification.cohort-completed.v1", body.getString("type"));
        assertEquals(event.time(), Instant.parse(body.getString("time")));
        assertEquals("application/json", body.getString("datacontenttype"));
        assertEquals(cohort.cohortId(), body.getString("data.cohortId"));
        assertEquals(achievement, body.getString("data.achievementId"));
        assertEquals(Map.of("en", "Applied Data Analytics", "fr", "Analyse de données appliquée"),
                body.getMap("data.achievementName"));
        assertEquals("prov-test-college", body.getString("data.providerId"));
        assertEquals("ON", body.getString("data.province"));
        assertEquals(cohort.completedAt(), Instant.parse(body.getString("data.completedAt")));
        assertEquals(3, body.getInt("data.graduatesCount"));
        assertEquals(List.of("Amélie Tremblay", "Sam Okafor"), body.getList("data.graduates.name"));
        assertEquals(Map.of("name", "Amélie Tremblay", "email", "amelie.tremblay@example.ca",
                        "portfolioLinks", List.of("https://portfolio.example.ca/amelie/capstone"),
                        "credentialId", "cred-amelie",
                        "verifyUrl", "https://verify.microcred.ca/verifications/cred-amelie"),
                body.getMap("data.graduates[0]"));

        await().atMost(DELIVERY).untilAsserted(() -> {
            JsonPath log = given().auth().oauth2(DevTokens.employer(employer))
                    .when().get("/subscriptions/" + subscription.getString("id") + "/deliveries")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(List.of(deliveryId), log.getList("id"));
            assertEquals("DELIVERED", log.getString("[0].status"));
            assertEquals(List.of(204), log.getList("[0].attempts.statusCode"));
        });
    }

    @Test
    void theSameEventDeliveredTwiceStillSendsOneWebhook() {
        String employer = "emp-" + UUID.randomUUID();
        String achievement = "ach-" + UUID.randomUUID();
        String subscriptionId = Subscriptions.create(employer, List.of(achievement), receiver.url("/hooks")).getString("id");
        CohortCompleted cohort = TestEvents.cohort(achievement);
        EventEnvelope event = EventEnvelope.of(TestEvents.SOURCE, cohort);
        String deliveryId = subscriptionId + ":" + cohort.cohortId();

        int partition = TestEvents.publish(event);
        await().atMost(DELIVERY).until(() -> receiver.receivedWithId(deliveryId).size() == 1);
        TestEvents.publish(event);
        CohortCompleted marker = TestEvents.cohort(achievement);
        TestEvents.publish(EventEnvelope.of(TestEvents.SOURCE, marker), partition);

        // the marker follows the redelivered event on its partition: once it arrived, the redelivery was handled
        await().atMost(DELIVERY).until(() -> receiver.receivedWithId(subscriptionId + ":" + marker.cohortId()).size() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver.receivedWithId(deliveryId).size() == 1);
        JsonPath log = given().auth().oauth2(DevTokens.employer(employer))
                .when().get("/subscriptions/" + subscriptionId + "/deliveries")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, log.getList("id").size());
        assertEquals(1, log.getList("find { it.id == '" + deliveryId + "' }.attempts").size());
    }

    @Test
    void aCohortOfAnotherAchievementSendsNothing() {
        String achievement = "ach-" + UUID.randomUUID();
        String subscriptionId = Subscriptions.create("emp-" + UUID.randomUUID(), List.of(achievement),
                receiver.url("/hooks")).getString("id");
        CohortCompleted unrelated = TestEvents.cohort("ach-nobody-follows-" + UUID.randomUUID());
        CohortCompleted matching = TestEvents.cohort(achievement);

        int partition = TestEvents.publish(EventEnvelope.of(TestEvents.SOURCE, unrelated));
        TestEvents.publish(EventEnvelope.of(TestEvents.SOURCE, matching), partition);

        await().atMost(DELIVERY).until(() -> receiver.receivedWithId(subscriptionId + ":" + matching.cohortId()).size() == 1);
        assertEquals(1, receiver.received().size(), "only the matching cohort was announced");
        assertTrue(receiver.received().stream().noneMatch(r -> r.body().contains(unrelated.cohortId())));
    }

    @Test
    void everyMatchingSubscriptionGetsItsOwnSignedNotification() {
        String achievement = "ach-" + UUID.randomUUID();
        JsonPath first = Subscriptions.create("emp-" + UUID.randomUUID(), List.of(achievement), receiver.url("/first"));
        JsonPath second = Subscriptions.create("emp-" + UUID.randomUUID(), List.of(achievement), receiver.url("/second"));
        CohortCompleted cohort = TestEvents.cohort(achievement);

        TestEvents.publish(cohort);

        String firstId = first.getString("id") + ":" + cohort.cohortId();
        String secondId = second.getString("id") + ":" + cohort.cohortId();
        await().atMost(DELIVERY).until(() -> receiver.receivedWithId(firstId).size() == 1
                && receiver.receivedWithId(secondId).size() == 1);
        assertTrue(Signatures.verify(first.getString("secret"), receiver.receivedWithId(firstId).get(0)));
        assertTrue(Signatures.verify(second.getString("secret"), receiver.receivedWithId(secondId).get(0)));
        assertTrue(!Signatures.verify(first.getString("secret"), receiver.receivedWithId(secondId).get(0)),
                "one subscription's secret does not verify another's notification");
    }
}
