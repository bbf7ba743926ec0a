package ca.microcred.notification.delivery.rest;

import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.notification.support.Subscriptions;
import ca.microcred.notification.support.TestEvents;
import ca.microcred.notification.support.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Properties;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class RedeliveryTest {

    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private static String status(String employer, String subscriptionId, String deliveryId) {
        return given().auth().oauth2(DevTokens.employer(employer))
                .when().get("/subscriptions/" + subscriptionId + "/deliveries")
                .then().statusCode(200).extract().jsonPath()
                .getString("find { it.id == '" + deliveryId + "' }.status");
    }

    @Test
    void aFailedDeliveryCanBeRedeliveredAndShowsInTheEmployersLog() {
        receiver.answering(500, 500, 500, 500);
        String employer = "emp-" + UUID.randomUUID();
        String achievement = "ach-" + UUID.randomUUID();
        String id = Subscriptions.create(employer, List.of(achievement), receiver.url("/hooks")).getString("id");
        CohortCompleted cohort = TestEvents.cohort(achievement);
        TestEvents.publish(cohort);
        String deliveryId = id + ":" + cohort.cohortId();
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(status(employer, id, deliveryId)));
        try (KafkaConsumer<String, String> dlq = dlqConsumer()) {
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                dlq.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (deliveryId.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            assertTrue(found.get(0).value().contains("\"attempts\":4"), found.get(0).value());
            assertTrue(found.get(0).value().contains("HTTP 500"), found.get(0).value());
        }

        given().auth().oauth2(DevTokens.employer(employer))
                .when().post("/subscriptions/" + id + "/deliveries/" + deliveryId + "/redeliver")
                .then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(status(employer, id, deliveryId)));
        assertEquals(5, receiver.receivedWithId(deliveryId).size());
        given().auth().oauth2(DevTokens.employer(employer))
                .when().get("/employers/" + employer + "/deliveries")
                .then().statusCode(200)
                .body("[0].id", equalTo(deliveryId))
                .body("[0].attempts.size()", equalTo(5))
                .body("[0].attempts[4].statusCode", equalTo(204));
        given().auth().oauth2(DevTokens.employer(employer))
                .when().post("/subscriptions/" + id + "/deliveries/" + deliveryId + "/redeliver")
                .then().statusCode(202);
        given().auth().oauth2(DevTokens.employer(employer))
                .when().post("/subscriptions/" + id + "/deliveries/no-such-delivery/redeliver")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.employer("emp-" + UUID.randomUUID()))
                .when().get("/employers/" + employer + "/deliveries")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static KafkaConsumer<String, String> dlqConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevstackTestResource.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of("notifications.dlq"));
        return consumer;
    }

    @Test
    void a429IsRetriedNoSoonerThanItsRetryAfter() {
        receiver.answering(429).withRetryAfter("2");
        String employer = "emp-" + UUID.randomUUID();
        String achievement = "ach-" + UUID.randomUUID();
        String id = Subscriptions.create(employer, List.of(achievement), receiver.url("/hooks")).getString("id");
        CohortCompleted cohort = TestEvents.cohort(achievement);
        TestEvents.publish(cohort);
        String deliveryId = id + ":" + cohort.cohortId();

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedWithId(deliveryId).size() == 2);
        List<WebhookReceiver.Received> attempts = receiver.receivedWithId(deliveryId);
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(attempts.get(1).receivedAtNanos() - attempts.get(0).receivedAtNanos());
        assertTrue(waitedMs >= 1900, "retried after " + waitedMs + " ms although the schedule says 0.2 s");
        await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(status(employer, id, deliveryId)));
    }
}
