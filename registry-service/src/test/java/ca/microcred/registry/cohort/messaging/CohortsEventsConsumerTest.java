package ca.microcred.registry.cohort.messaging;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.Topics;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.registry.cohort.CohortRecord;
import ca.microcred.registry.cohort.repository.CohortRecordRepository;
import ca.microcred.registry.ingest.ProcessedEvents;
import ca.microcred.registry.support.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class CohortsEventsConsumerTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @Inject
    CohortRecordRepository records;

    @Inject
    ProcessedEvents processed;

    @Test
    void completedCohortShowsItsCountsAndRatesButNoLearners() {
        String cohortId = TestEvents.newId("cohort");
        Instant completedAt = TestEvents.now();
        TestEvents.publish(TestEvents.cohortCompleted(cohortId, "prov-laurentien", completedAt, 24, 18, 15));

        Map<String, Object> body = await().atMost(EVENTUALLY).until(
                () -> given().get("/cohorts/{id}", cohortId).then().extract(),
                response -> response.statusCode() == 200).jsonPath().getMap("$");

        Map<String, Object> expected = new HashMap<>();
        expected.put("cohortId", cohortId);
        expected.put("achievementId", "ach-prov-laurentien");
        expected.put("providerId", "prov-laurentien");
        expected.put("province", "QC");
        expected.put("deliveryMode", "HYBRID");
        expected.put("language", "fr-CA");
        expected.put("completedAt", completedAt.toString());
        expected.put("enrolled", 24);
        expected.put("completed", 18);
        expected.put("passed", 15);
        expected.put("completionRate", 0.75f);
        expected.put("passRate", 0.8333f);
        assertEquals(expected, body);
    }

    @Test
    void cohortWithoutEnrolmentsHasNoRates() {
        String cohortId = TestEvents.newId("cohort");
        TestEvents.publish(TestEvents.cohortCompleted(cohortId, TestEvents.newId("prov"), TestEvents.now(), 0, 0, 0));

        Map<String, Object> body = await().atMost(EVENTUALLY).until(
                () -> given().get("/cohorts/{id}", cohortId).then().extract(),
                response -> response.statusCode() == 200).jsonPath().getMap("$");
        assertEquals(0, body.get("enrolled"));
        assertTrue(body.containsKey("completionRate") && body.get("completionRate") == null, body::toString);
        assertTrue(body.containsKey("passRate") && body.get("passRate") == null, body::toString);
    }

    @Test
    void sameEventDeliveredTwiceHasOneEffect() {
        String cohortId = TestEvents.newId("cohort");
        EventEnvelope completed = TestEvents.publish(
                TestEvents.cohortCompleted(cohortId, TestEvents.newId("prov"), TestEvents.now(), 10, 9, 9));
        awaitProcessed(completed);
        String before = given().get("/cohorts/{id}", cohortId).then().statusCode(200).extract().asString();

        RecordMetadata redelivery = TestEvents.publish(completed);
        EventEnvelope marker = EventEnvelope.of(TestEvents.SOURCE, TestEvents.cohortCompleted(
                TestEvents.newId("cohort"), TestEvents.newId("prov"), TestEvents.now(), 1, 1, 1));
        TestEvents.publishToPartition(marker, redelivery.partition());
        awaitProcessed(marker);

        assertEquals(before, given().get("/cohorts/{id}", cohortId).then().statusCode(200).extract().asString());
        CohortRecord record = records.findById(cohortId);
        assertEquals(List.of(completed.id()), record.appliedEventIds);
        assertEquals(1, record.version);
        assertEquals(1, processed.count("_id", completed.id()));
    }

    @Test
    void correctedCompletionReplacesTheFiguresWhicheverOrderTheyArrive() {
        String cohortId = TestEvents.newId("cohort");
        String providerId = TestEvents.newId("prov");
        Instant first = TestEvents.now();
        EventEnvelope corrected = TestEvents.publish(
                TestEvents.cohortCompleted(cohortId, providerId, first.plusSeconds(3600), 20, 18, 17));
        EventEnvelope original = TestEvents.publish(
                TestEvents.cohortCompleted(cohortId, providerId, first, 20, 18, 12));
        awaitProcessed(original);

        given().get("/cohorts/{id}", cohortId).then().statusCode(200)
                .body("passed", equalTo(17))
                .body("completedAt", equalTo(first.plusSeconds(3600).toString()));
        assertEquals(List.of(corrected.id(), original.id()), records.findById(cohortId).appliedEventIds);
    }

    @Test
    void contradictoryCountsGoToTheDeadLetterTopicAndTheNextEventStillCounts() {
        String cohortId = TestEvents.newId("cohort");
        String providerId = TestEvents.newId("prov");
        TestEvents.publish(TestEvents.cohortCompleted(cohortId, providerId, TestEvents.now(), 10, 8, 9));
        TestEvents.publish(TestEvents.cohortCompleted(cohortId, providerId, TestEvents.now(), 10, 8, 7));

        ConsumerRecord<String, byte[]> dead = TestEvents.awaitDeadLetters(Topics.deadLetter(Topics.COHORTS),
                cohortId, 1).get(0);
        assertTrue(TestEvents.header(dead, "dead-letter-reason").orElse("")
                        .contains("expected passed <= completed <= enrolled"),
                () -> "reason: " + TestEvents.header(dead, "dead-letter-reason"));
        await().atMost(EVENTUALLY).untilAsserted(() -> given().get("/cohorts/{id}", cohortId)
                .then().statusCode(200).body("passed", equalTo(7)));
    }

    private void awaitProcessed(EventEnvelope event) {
        await().atMost(EVENTUALLY).until(() -> processed.findByIdOptional(event.id()).isPresent());
    }
}
