package ca.microcred.notification.delivery.service;

import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.notification.delivery.Delivery;
import ca.microcred.notification.delivery.DeliveryStatus;
import ca.microcred.notification.delivery.repository.DeliveryRepository;
import ca.microcred.notification.support.Signatures;
import ca.microcred.notification.support.Subscriptions;
import ca.microcred.notification.support.TestEvents;
import ca.microcred.notification.support.WebhookReceiver;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retries, failures and recovery of deliveries. The test profile's retry schedule is 200 ms, 400 ms, 800 ms, so a
 * delivery gets four attempts.
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class DeliveryDispatcherTest {

    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @Inject
    DeliveryRepository deliveries;

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
    void aFailedAttemptIsRetriedAndBothAttemptsAreLogged() {
        receiver.answering(500);
        String employer = "emp-" + UUID.randomUUID();
        String achievement = "ach-" + UUID.randomUUID();
        JsonPath subscription = Subscriptions.create(employer, List.of(achievement), receiver.url("/hooks"));
        CohortCompleted cohort = TestEvents.cohort(achievement);
        String deliveryId = subscription.getString("id") + ":" + cohort.cohortId();

        TestEvents.publish(cohort);

        await().atMost(DELIVERY).until(() -> receiver.receivedWithId(deliveryId).size() == 2);
        List<WebhookReceiver.Received> requests = receiver.receivedWithId(deliveryId);
        assertEquals(requests.get(0).body(), requests.get(1).body(), "a retry sends the same body");
        assertTrue(Signatures.verify(subscription.getString("secret"), requests.get(1)));
        JsonPath log = awaitDelivery(employer, subscription.getString("id"), deliveryId, "DELIVERED");
        assertEquals(List.of(500, 204), log.getList("attempts.statusCode"));
        assertEquals("the receiver answered HTTP 500", log.getString("attempts[0].error"));
        assertNull(log.get("attempts[1].error"));
        for (int i = 0; i < 2; i++) {
            assertNotNull(Instant.parse(log.getString("attempts[" + i + "].time")));
            assertTrue(log.getLong("attempts[" + i + "].latencyMs") >= 0);
        }
        Instant first = Instant.parse(log.getString("attempts[0].time"));
        Instant second = Instant.parse(log.getString("attempts[1].time"));
        assertTrue(!second.isBefore(first.plusMillis(200)), "the retry waited the first delay of the schedule");
        assertNotNull(log.getString("deliveredAt"));
        assertNull(log.get("nextAttemptAt"));
    }

    @Test
    void aDeliveryThatRunsOutOfAttemptsIsFailed() {
        receiver.answering(500, 503, 429, 500, 500);
        String employer = "emp-" + UUID.randomUUID();
        String achievement = "ach-" + UUID.randomUUID();
        String subscriptionId = Subscriptions.create(employer, List.of(achievement), receiver.url("/hooks")).getString("id");
        CohortCompleted cohort = TestEvents.cohort(achievement);
        String deliveryId = subscriptionId + ":" + cohort.cohortId();

        TestEvents.publish(cohort);

        JsonPath log = awaitDelivery(employer, subscriptionId, deliveryId, "FAILED");
        assertEquals(List.of(500, 503, 429, 500), log.getList("attempts.statusCode"));
        assertNotNull(log.getString("failedAt"));
        await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3))
                .until(() -> receiver.receivedWithId(deliveryId).size() == 4);
    }

    @Test
    void anUnreachableReceiverIsRetriedWithTheErrorLogged() {
        String url;
        try (WebhookReceiver gone = WebhookReceiver.start()) {
            url = gone.url("/hooks");
        }
        String employer = "emp-" + UUID.randomUUID();
        String achievement = "ach-" + UUID.randomUUID();
        String subscriptionId = Subscriptions.create(employer, List.of(achievement), url).getString("id");
        CohortCompleted cohort = TestEvents.cohort(achievement);

        TestEvents.publish(cohort);

        JsonPath log = awaitDelivery(employer, subscriptionId, subscriptionId + ":" + cohort.cohortId(), "FAILED");
        assertEquals(4, log.getList("attempts").size());
        assertTrue(log.getList("attempts").stream().noneMatch(a -> ((Map<?, ?>) a).containsKey("statusCode")),
                "no attempt got an HTTP answer");
        assertTrue(log.getString("attempts[0].error").startsWith("connection failed"), log.getString("attempts[0].error"));
    }

    @Test
    void aPendingDeliveryLeftByAStoppedInstanceIsSentAfterItsLeaseExpires() {
        String employer = "emp-" + UUID.randomUUID();
        JsonPath subscription = Subscriptions.create(employer, List.of("ach-" + UUID.randomUUID()), receiver.url("/hooks"));
        Instant now = Instant.now();
        // what an instance leaves behind when it stops mid-attempt: pending, one attempt started, lease held
        Delivery abandoned = pending(subscription.getString("id"), "cohort-" + UUID.randomUUID(), now);
        abandoned.attemptCount = 1;
        abandoned.leaseUntil = now.plusSeconds(3);
        abandoned.leaseToken = "held-by-a-stopped-instance";
        deliveries.persist(abandoned);

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofMillis(2000))
                .until(() -> receiver.receivedWithId(abandoned.id).isEmpty());
        await().atMost(DELIVERY).until(() -> receiver.receivedWithId(abandoned.id).size() == 1);

        assertTrue(Signatures.verify(subscription.getString("secret"), receiver.receivedWithId(abandoned.id).get(0)));
        assertEquals(abandoned.payload, receiver.receivedWithId(abandoned.id).get(0).body());
        awaitDelivery(employer, subscription.getString("id"), abandoned.id, "DELIVERED");
    }

    @Test
    void manyInstancesRacingForADueDeliveryStartOneAttempt() throws Exception {
        // the oldest due delivery, so every claimer below and this instance's own sweeps race for it
        Delivery due = pending("sub-" + UUID.randomUUID(), "cohort-" + UUID.randomUUID(), Instant.now());
        due.nextAttemptAt = Instant.EPOCH;
        deliveries.persist(due);
        int claimers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            List<Future<Optional<Delivery>>> results = new ArrayList<>();
            for (int i = 0; i < claimers; i++) {
                Callable<Optional<Delivery>> claim = () -> {
                    start.await();
                    // every claimer found it due, as instances sweeping at the same moment would
                    return deliveries.tryLease(due, Instant.now(), Duration.ofSeconds(2));
                };
                results.add(pool.submit(claim));
            }
            start.countDown();
            int won = 0;
            for (Future<Optional<Delivery>> result : results) {
                won += result.get().isPresent() ? 1 : 0;
            }
            assertTrue(won <= 1, "at most one claimer won the attempt, " + won + " did");
            assertEquals(1, deliveries.findById(due.id).attemptCount,
                    "exactly one attempt was started, by a claimer or by the dispatcher");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deletingTheSubscriptionCancelsItsPendingDeliveries() {
        String employer = "emp-" + UUID.randomUUID();
        String subscriptionId = Subscriptions.create(employer, List.of("ach-" + UUID.randomUUID()),
                receiver.url("/hooks")).getString("id");
        Delivery waiting = pending(subscriptionId, "cohort-" + UUID.randomUUID(), Instant.now());
        waiting.nextAttemptAt = Instant.now().plusSeconds(3600);
        deliveries.persist(waiting);

        given().auth().oauth2(DevTokens.employer(employer))
                .when().delete("/subscriptions/" + subscriptionId)
                .then().statusCode(204);

        assertEquals(DeliveryStatus.CANCELLED, deliveries.findById(waiting.id).status);
    }

    @Test
    void aDeliveryWhoseSubscriptionVanishedIsCancelledNotSent() {
        Delivery orphan = pending("sub-deleted-" + UUID.randomUUID(), "cohort-" + UUID.randomUUID(), Instant.now());
        deliveries.persist(orphan);

        await().atMost(DELIVERY).until(() -> deliveries.findById(orphan.id).status == DeliveryStatus.CANCELLED);
        assertTrue(receiver.received().isEmpty());
    }

    private static Delivery pending(String subscriptionId, String cohortId, Instant now) {
        Delivery delivery = new Delivery();
        delivery.id = Delivery.idOf(subscriptionId, cohortId);
        delivery.subscriptionId = subscriptionId;
        delivery.employerId = "emp-test";
        delivery.cohortId = cohortId;
        delivery.achievementId = "ach-test";
        delivery.eventId = UUID.randomUUID().toString();
        delivery.status = DeliveryStatus.PENDING;
        delivery.payload = "{\"specversion\":\"1.0\",\"id\":\"" + delivery.id + "\"}";
        delivery.createdAt = now;
        delivery.nextAttemptAt = now;
        delivery.leaseUntil = DeliveryRepository.NO_LEASE;
        return delivery;
    }

    /** Waits until the delivery reaches the status and returns its entry of the delivery log. */
    private static JsonPath awaitDelivery(String employer, String subscriptionId, String deliveryId, String status) {
        String entry = "find { it.id == '" + deliveryId + "' }";
        await().atMost(DELIVERY).until(() -> status.equals(deliveries(employer, subscriptionId).getString(entry + ".status")));
        Map<String, Object> delivery = deliveries(employer, subscriptionId).getMap(entry);
        try {
            return JsonPath.from(new ObjectMapper().writeValueAsString(delivery));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath deliveries(String employer, String subscriptionId) {
        return given().auth().oauth2(DevTokens.employer(employer))
                .when().get("/subscriptions/" + subscriptionId + "/deliveries")
                .then().statusCode(200)
                .extract().jsonPath();
    }
}
