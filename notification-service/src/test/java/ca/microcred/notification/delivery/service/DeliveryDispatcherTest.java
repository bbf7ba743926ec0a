package ca.microcred.notification.delivery.service;

import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.notification.config.NotificationConfig;
import ca.microcred.notification.delivery.Delivery;
import ca.microcred.notification.delivery.DeliveryStatus;
import ca.microcred.notification.delivery.messaging.DeadLetters;
import ca.microcred.notification.delivery.repository.DeliveryRepository;
import ca.microcred.notification.email.EmailSender;
import ca.microcred.notification.subscription.repository.SubscriptionRepository;
import ca.microcred.notification.support.Signatures;
import ca.microcred.notification.support.Subscriptions;
import ca.microcred.notification.support.TestEvents;
import ca.microcred.notification.support.WebhookReceiver;
import ca.microcred.notification.webhook.WebhookClient;
import ca.microcred.notification.webhook.WebhookTargetPolicy;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

    @Inject
    DeliveryDispatcher dispatcher;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    WebhookClient client;

    @Inject
    EmailSender email;

    @Inject
    DeadLetters deadLetters;

    @Inject
    WebhookTargetPolicy targets;

    @Inject
    NotificationConfig config;

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
    void aClaimedDeliveryIsSentWithThePayloadOfTheClaimThatWonNotOfALaterOne() {
        String employer = "emp-" + UUID.randomUUID();
        JsonPath subscription = Subscriptions.create(employer, List.of("ach-" + UUID.randomUUID()), receiver.url("/hooks"));
        String cohort = "cohort-" + UUID.randomUUID();
        Delivery first = pending(subscription.getString("id"), cohort, Instant.now());
        first.nextAttemptAt = Instant.now().plusSeconds(3600);
        // the same (subscription, cohort) pair claimed again, as a second instance or a redelivered event would
        Delivery second = pending(subscription.getString("id"), cohort, Instant.now());
        second.payload = "{\"specversion\":\"1.0\",\"id\":\"" + second.id + "\",\"rendered\":\"again\"}";

        assertTrue(deliveries.claim(first));
        assertTrue(!deliveries.claim(second), "the pair was claimed already");
        // the stored delivery does not carry the notification it is rewritten around
        assertNull(deliveries.mongoCollection().withDocumentClass(org.bson.Document.class)
                .find(Filters.eq("_id", first.id)).first().get(Delivery.PAYLOAD));
        deliveries.mongoCollection().updateOne(Filters.eq("_id", first.id),
                Updates.set(Delivery.NEXT_ATTEMPT_AT, Instant.now()));
        dispatcher.wakeUp();

        await().atMost(DELIVERY).until(() -> receiver.receivedWithId(first.id).size() == 1);
        assertEquals(first.payload, receiver.receivedWithId(first.id).get(0).body());
        assertTrue(Signatures.verify(subscription.getString("secret"), receiver.receivedWithId(first.id).get(0)));
        awaitDelivery(employer, subscription.getString("id"), first.id, "DELIVERED");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1))
                .until(() -> receiver.receivedWithId(first.id).size() == 1);
    }

    @Test
    void sweepersRacingForTheSameDueBatchLeaseEachDeliveryOnce() throws Exception {
        // due for the claimers below only: they read them as a sweep finds them due, this instance's sweeps do not
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Delivery due = pending("sub-" + UUID.randomUUID(), "cohort-" + UUID.randomUUID(), Instant.now());
            due.nextAttemptAt = Instant.now().plusSeconds(3600);
            deliveries.persist(due);
            ids.add(due.id);
        }
        int claimers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            List<Future<List<Delivery>>> results = new ArrayList<>();
            for (int i = 0; i < claimers; i++) {
                // every claimer found the same batch due, as instances sweeping at the same moment would
                List<Delivery> found = new ArrayList<>();
                ids.forEach(id -> found.add(deliveries.findById(id)));
                Callable<List<Delivery>> claim = () -> {
                    start.await();
                    return deliveries.leaseAll(found, Instant.now(), Duration.ofSeconds(30));
                };
                results.add(pool.submit(claim));
            }
            start.countDown();
            Map<String, Integer> wins = new HashMap<>();
            for (Future<List<Delivery>> result : results) {
                for (Delivery won : result.get()) {
                    wins.merge(won.id, 1, Integer::sum);
                    assertEquals(1, won.attemptCount, "a won lease counts the attempt");
                    assertEquals(deliveries.findById(won.id).revision, won.revision,
                            "a won lease is returned as the store holds it");
                }
            }
            assertEquals(ids.size(), wins.size(), "every delivery was leased by one claimer: " + wins);
            assertTrue(wins.values().stream().allMatch(n -> n == 1), "no delivery was leased twice: " + wins);
            for (String id : ids) {
                assertEquals(1, deliveries.findById(id).attemptCount, "exactly one attempt was started");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldHolderCannotRecordOverIt() {
        Delivery abandoned = pending("sub-" + UUID.randomUUID(), "cohort-" + UUID.randomUUID(), Instant.now());
        // not due for this instance's sweeps, so only the claims below touch it
        abandoned.nextAttemptAt = Instant.now().plusSeconds(3600);
        deliveries.persist(abandoned);
        Delivery firstHolder = deliveries.leaseAll(List.of(deliveries.findById(abandoned.id)),
                Instant.now().minusSeconds(120), Duration.ofSeconds(60)).get(0);
        assertTrue(deliveries.findById(abandoned.id).leaseUntil.isBefore(Instant.now()), "the lease has expired");

        Delivery taker = deliveries.leaseAll(List.of(deliveries.findById(abandoned.id)), Instant.now(),
                Duration.ofSeconds(60)).get(0);
        assertEquals(2, taker.attemptCount);
        assertNotEquals(firstHolder.leaseToken, taker.leaseToken);

        // the first holder comes back with a failure: it only adds its attempt, the current holder decides
        deliveries.recordFailure(firstHolder, DeliveryRepository.attempt(Instant.now(), 500, 3, "the receiver answered HTTP 500"),
                Optional.of(Instant.now()), Instant.now());
        Delivery stored = deliveries.findById(abandoned.id);
        assertEquals(taker.leaseToken, stored.leaseToken, "the taker still holds the lease");
        assertEquals(DeliveryStatus.PENDING, stored.status);
        assertEquals(1, stored.attempts.size());

        // the taker's answer is recorded under its lease, with its attempt next to the old holder's
        deliveries.recordDelivered(List.of(new DeliveryRepository.Delivered(taker,
                DeliveryRepository.attempt(Instant.now(), 204, 2, null), Instant.now())));
        stored = deliveries.findById(abandoned.id);
        assertEquals(DeliveryStatus.DELIVERED, stored.status);
        assertEquals(List.of(500, 204), stored.attempts.stream().map(a -> a.statusCode).toList());
    }

    @Test
    void aDeliveredAnswerIsRecordedOnceEvenWhenItsLeaseWasLost() {
        Delivery pendingOne = pending("sub-" + UUID.randomUUID(), "cohort-" + UUID.randomUUID(), Instant.now());
        Delivery pendingTwo = pending("sub-" + UUID.randomUUID(), "cohort-" + UUID.randomUUID(), Instant.now());
        pendingOne.nextAttemptAt = Instant.now().plusSeconds(3600);
        pendingTwo.nextAttemptAt = Instant.now().plusSeconds(3600);
        deliveries.persist(List.of(pendingOne, pendingTwo));
        List<Delivery> leased = deliveries.leaseAll(
                List.of(deliveries.findById(pendingOne.id), deliveries.findById(pendingTwo.id)),
                Instant.now(), Duration.ofSeconds(60));
        assertEquals(2, leased.size());
        // the second one's lease is lost: another instance took it over after it expired
        deliveries.leaseAll(List.of(deliveries.findById(pendingTwo.id)), Instant.now(), Duration.ofSeconds(60));

        deliveries.recordDelivered(List.of(
                new DeliveryRepository.Delivered(leased.get(0), DeliveryRepository.attempt(Instant.now(), 204, 5, null), Instant.now()),
                new DeliveryRepository.Delivered(leased.get(1), DeliveryRepository.attempt(Instant.now(), 200, 7, null), Instant.now())));

        for (Delivery delivery : List.of(pendingOne, pendingTwo)) {
            Delivery stored = deliveries.findById(delivery.id);
            assertEquals(DeliveryStatus.DELIVERED, stored.status, "the receiver has it, so nothing may send it again");
            assertEquals(1, stored.attempts.size(), "the answer is logged once");
        }
    }

    @Test
    void twoDispatchersSweepingTheSameDueDeliveriesSendEachOnce() throws Exception {
        String employer = "emp-" + UUID.randomUUID();
        String subscriptionId = Subscriptions.create(employer, List.of("ach-" + UUID.randomUUID()), receiver.url("/hooks"))
                .getString("id");
        int count = 300;
        List<Delivery> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Delivery delivery = pending(subscriptionId, "cohort-" + UUID.randomUUID(), Instant.now());
            delivery.nextAttemptAt = Instant.now().plusSeconds(3600);
            batch.add(delivery);
        }
        deliveries.persist(batch);
        // a second instance: the same store and receivers, its own slots and sweeps
        DeliveryDispatcher other = new DeliveryDispatcher(deliveries, subscriptions, client, email, deadLetters, targets,
                config, new SimpleMeterRegistry());
        ExecutorService sweepers = Executors.newFixedThreadPool(2);
        try {
            deliveries.mongoCollection().updateMany(Filters.eq(Delivery.SUBSCRIPTION_ID, subscriptionId),
                    Updates.set(Delivery.NEXT_ATTEMPT_AT, Instant.now()));
            CountDownLatch start = new CountDownLatch(1);
            for (DeliveryDispatcher sweeper : List.of(dispatcher, other)) {
                sweepers.submit(() -> {
                    start.await();
                    sweeper.sweep();
                    return null;
                });
            }
            start.countDown();

            await().atMost(DELIVERY).until(() -> deliveries.count("subscriptionId = ?1 and status = ?2", subscriptionId,
                    DeliveryStatus.DELIVERED) == count);
            Map<String, Long> requests = receiver.received().stream()
                    .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
            for (Delivery delivery : batch) {
                Delivery stored = deliveries.findById(delivery.id);
                String log = stored.attempts.stream().map(a -> a.statusCode + " " + a.error).toList().toString();
                // a slow answer may time out and be retried, but every attempt was leased by one sweeper: each
                // lease taken has its outcome logged and no request went out beyond them
                assertEquals(stored.attemptCount, stored.attempts.size(), delivery.id + " " + log);
                assertTrue(requests.getOrDefault(delivery.id, 0L) <= stored.attempts.size(), delivery.id + " " + log);
                assertEquals(1, stored.attempts.stream().filter(a -> Integer.valueOf(204).equals(a.statusCode)).count(),
                        delivery.id + " " + log);
            }
        } finally {
            sweepers.shutdownNow();
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
