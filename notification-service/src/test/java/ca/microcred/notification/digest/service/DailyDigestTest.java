package ca.microcred.notification.digest.service;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.notification.delivery.repository.DeliveryRepository;
import ca.microcred.notification.digest.DigestEntry;
import ca.microcred.notification.digest.repository.DigestEntryRepository;
import ca.microcred.notification.support.Signatures;
import ca.microcred.notification.support.Subscriptions;
import ca.microcred.notification.support.TestEvents;
import ca.microcred.notification.support.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Daily digests, driven by running the digest of the day directly instead of waiting for the clock. */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class DailyDigestTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DigestService digests;

    @Inject
    DigestEntryRepository entries;

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

    private LocalDate today() {
        return digests.dayOf(Instant.now());
    }

    private JsonPath digestSubscription(String employer, List<String> achievements) {
        return Subscriptions.create(employer, Map.of("achievementIds", achievements, "mode", "daily-digest",
                "webhookUrl", receiver.url("/digests")));
    }

    private void awaitCollected(String subscriptionId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                entries.count(DigestEntry.SUBSCRIPTION_ID, subscriptionId) == count);
    }

    @Test
    void aDigestSubscriptionGetsOneSignedWebhookListingEveryCohortMatchedThatDay() throws Exception {
        String employer = "emp-" + UUID.randomUUID();
        String first = "ach-" + UUID.randomUUID();
        String second = "ach-" + UUID.randomUUID();
        JsonPath subscription = digestSubscription(employer, List.of(first, second));
        String id = subscription.getString("id");
        CohortCompleted a = TestEvents.cohort(first);
        CohortCompleted b = TestEvents.cohort(second);
        CohortCompleted c = TestEvents.cohort(first);
        EventEnvelope eventA = EventEnvelope.of(TestEvents.SOURCE, a);
        int partition = TestEvents.publish(eventA);
        TestEvents.publish(EventEnvelope.of(TestEvents.SOURCE, b), partition);
        TestEvents.publish(EventEnvelope.of(TestEvents.SOURCE, c), partition);
        // the same event again collects nothing more
        TestEvents.publish(eventA, partition);

        awaitCollected(id, 3);
        assertTrue(receiver.received().isEmpty(), "a digest subscription gets nothing per cohort");

        digests.run(today());

        String digestId = id + ":digest-" + today();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedWithId(digestId).size() == 1);
        WebhookReceiver.Received webhook = receiver.receivedWithId(digestId).get(0);
        assertTrue(Signatures.verify(subscription.getString("secret"), webhook));
        JsonNode body = JSON.readTree(webhook.body());
        assertEquals("ca.microcred.notification.cohorts-digest.v1", body.get("type").asText());
        assertEquals(digestId, body.get("id").asText());
        assertEquals(today().toString(), body.at("/data/day").asText());
        List<String> cohorts = new ArrayList<>();
        body.at("/data/cohorts").forEach(cohort -> cohorts.add(cohort.get("cohortId").asText()));
        assertEquals(List.of(a.cohortId(), b.cohortId(), c.cohortId()), cohorts);
        assertEquals("Sam Okafor", body.at("/data/cohorts/1/graduates/1/name").asText());

        digests.run(today());
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> receiver.receivedWithId(digestId).size() == 1);
        given().auth().oauth2(DevTokens.employer(employer))
                .when().get("/subscriptions/" + id + "/deliveries")
                .then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1))
                .body("[0].digestDay", org.hamcrest.Matchers.equalTo(today().toString()))
                .body("[0].cohortIds", org.hamcrest.Matchers.contains(a.cohortId(), b.cohortId(), c.cohortId()));
    }

    @Test
    void instancesRunningTheSameDayAtOnceCreateOneDigest() throws Exception {
        String achievement = "ach-" + UUID.randomUUID();
        String id = digestSubscription("emp-" + UUID.randomUUID(), List.of(achievement)).getString("id");
        TestEvents.publish(TestEvents.cohort(achievement));
        awaitCollected(id, 1);

        int instances = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                Callable<Integer> run = () -> {
                    start.await();
                    return digests.run(today());
                };
                runs.add(pool.submit(run));
            }
            start.countDown();
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }

        String digestId = id + ":digest-" + today();
        assertTrue(deliveries.findByIdOptional(digestId).isPresent());
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedWithId(digestId).size() == 1);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> receiver.received().size() == 1);
    }

    @Test
    void nothingIsSentForADayWithoutMatches() {
        String id = digestSubscription("emp-" + UUID.randomUUID(), List.of("ach-" + UUID.randomUUID())).getString("id");

        digests.run(today());

        assertTrue(deliveries.findByIdOptional(id + ":digest-" + today()).isEmpty());
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(2)).until(() -> receiver.received().isEmpty());
    }

    @Test
    void aFrenchSpeakingEmployerGetsItsDigestByEmailInFrench() throws Exception {
        String employer = "emp-" + UUID.randomUUID();
        String recipient = "rh-" + UUID.randomUUID() + "@boulangerie.example.ca";
        given().auth().oauth2(DevTokens.employer(employer)).contentType(ContentType.JSON)
                .body(Map.of("organisationName", "Boulangerie Numérique", "contactEmail", recipient,
                        "preferredLanguage", "fr"))
                .when().post("/employers").then().statusCode(201);
        String achievement = "ach-" + UUID.randomUUID();
        String id = Subscriptions.create(employer, Map.of("achievementIds", List.of(achievement), "channel", "email",
                "mode", "daily-digest")).getString("id");
        TestEvents.publish(TestEvents.cohort(achievement));
        TestEvents.publish(TestEvents.cohort(achievement));
        awaitCollected(id, 2);

        digests.run(today());

        await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(recipient).size() == 1);
        MimeMessage message = messagesTo(recipient).get(0);
        assertEquals("Nouveaux diplômés du " + today() + " : 2 cohortes", message.getSubject());
        String text = textOf(message);
        assertTrue(text.contains("Bonjour Boulangerie Numérique"), text);
        assertEquals(2, text.split("== Analyse de données appliquée ==", -1).length - 1, text);
        assertTrue(text.contains("Amélie Tremblay <amelie.tremblay@example.ca>"), text);
        assertTrue(text.contains("https://verify.microcred.ca/verifications/cred-sam"), text);
    }

    private static List<MimeMessage> messagesTo(String recipient) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().contains(recipient));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static String textOf(MimeMessage message) throws Exception {
        jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            jakarta.mail.BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                return part.getContent().toString();
            }
            if (part.isMimeType("multipart/*")) {
                return textOf(part);
            }
        }
        throw new IllegalStateException("no text part");
    }

    private static String textOf(jakarta.mail.BodyPart part) throws Exception {
        jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            if (multipart.getBodyPart(i).isMimeType("text/plain")) {
                return multipart.getBodyPart(i).getContent().toString();
            }
        }
        throw new IllegalStateException("no text part");
    }
}
