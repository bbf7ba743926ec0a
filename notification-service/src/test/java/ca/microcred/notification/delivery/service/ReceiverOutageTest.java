package ca.microcred.notification.delivery.service;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.notification.delivery.Delivery;
import ca.microcred.notification.delivery.DeliveryStatus;
import ca.microcred.notification.delivery.repository.DeliveryRepository;
import ca.microcred.notification.support.Signatures;
import ca.microcred.notification.support.Subscriptions;
import ca.microcred.notification.support.TestEvents;
import ca.microcred.notification.support.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A receiver that refuses connections for a while and then comes back gets every pending notification, each once.
 * The retry schedule here spans 15 s, so the outage outlasts several attempts without exhausting the schedule however
 * slowly a loaded machine runs the sweeps (the test profile's usual 1.4 s could mark some deliveries failed first).
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
@TestProfile(ReceiverOutageTest.SlowerRetries.class)
class ReceiverOutageTest {

    public static class SlowerRetries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("microcred.notification.retry-schedule", "PT1S,PT2S,PT4S,PT8S");
        }
    }

    private static final int COHORTS = 12;

    @Inject
    DeliveryRepository deliveries;

    @Test
    void everyPendingNotificationArrivesOnceWhenTheReceiverComesBack() {
        int port;
        try (WebhookReceiver before = WebhookReceiver.start()) {
            port = before.port();
        }
        // nothing listens on the port now: every attempt is refused
        String achievement = "ach-" + UUID.randomUUID();
        JsonPath subscription = Subscriptions.create("emp-" + UUID.randomUUID(), List.of(achievement),
                "http://127.0.0.1:" + port + "/hooks");
        String subscriptionId = subscription.getString("id");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < COHORTS; i++) {
            CohortCompleted cohort = TestEvents.cohort(achievement);
            TestEvents.publish(EventEnvelope.of(TestEvents.SOURCE, cohort));
            expected.add(Delivery.idOf(subscriptionId, cohort.cohortId()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Delivery> stored = deliveries.list(Delivery.SUBSCRIPTION_ID, subscriptionId);
            return stored.size() == COHORTS && stored.stream().allMatch(d -> d.attempts != null
                    && !d.attempts.isEmpty() && d.status == DeliveryStatus.PENDING);
        });
        assertTrue(deliveries.list(Delivery.SUBSCRIPTION_ID, subscriptionId).stream()
                .allMatch(d -> d.attempts.get(0).error.startsWith("connection failed")));

        try (WebhookReceiver receiver = WebhookReceiver.startOn(port)) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    deliveries.count("subscriptionId = ?1 and status = ?2", subscriptionId, DeliveryStatus.DELIVERED)
                            == COHORTS);
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.received().size() == COHORTS);

            Map<String, Long> perId = receiver.received().stream()
                    .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
            assertEquals(Set.copyOf(expected), perId.keySet(), "every pending notification arrived");
            assertTrue(perId.values().stream().allMatch(n -> n == 1), "none arrived twice: " + perId);
            assertTrue(receiver.received().stream()
                    .allMatch(r -> Signatures.verify(subscription.getString("secret"), r)));
            Map<String, Delivery> stored = deliveries.list(Delivery.SUBSCRIPTION_ID, subscriptionId).stream()
                    .collect(Collectors.toMap(d -> d.id, Function.identity()));
            assertTrue(stored.values().stream().allMatch(d -> d.attempts.size() >= 2
                    && d.attempts.get(d.attempts.size() - 1).statusCode == 204), "failed first, delivered later");
        }
    }
}
