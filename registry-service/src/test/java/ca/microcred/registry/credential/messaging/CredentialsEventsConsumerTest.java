package ca.microcred.registry.credential.messaging;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.CredentialRevoked.Action;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.registry.audit.AuditEntry;
import ca.microcred.registry.audit.AuditQuery;
import ca.microcred.registry.audit.AuditTrail;
import ca.microcred.registry.audit.CanonicalJson;
import ca.microcred.registry.credential.CredentialRecord;
import ca.microcred.registry.credential.repository.CredentialRecordRepository;
import ca.microcred.registry.ingest.ProcessedEvents;
import ca.microcred.registry.support.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class CredentialsEventsConsumerTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @Inject
    CredentialRecordRepository records;

    @Inject
    ProcessedEvents processed;

    @Inject
    AuditTrail audit;

    @Test
    void issuedCredentialIsRecordedAndShownWithoutItsRecipient() {
        String credentialId = TestEvents.newId("cred");
        CredentialIssued issued = TestEvents.issued(credentialId, "ach-data", "prov-laurentien", "cohort-2026-a",
                TestEvents.recipientHash());
        TestEvents.publish(issued);

        Map<String, Object> body = await().atMost(EVENTUALLY).until(
                () -> given().get("/credentials/{id}", credentialId).then().extract(),
                response -> response.statusCode() == 200).jsonPath().getMap("$");

        Map<String, Object> expected = new HashMap<>();
        expected.put("credentialId", credentialId);
        expected.put("achievementId", "ach-data");
        expected.put("providerId", "prov-laurentien");
        expected.put("cohortId", "cohort-2026-a");
        expected.put("issuedAt", issued.issuedAt().toString());
        expected.put("status", "ACTIVE");
        expected.put("statusReason", null);
        expected.put("statusChangedAt", null);
        assertEquals(expected, body, "the public summary, and nothing about the learner");
    }

    @Test
    void aBurstOfIssuancesIsRecordedAndAuditedOncePerEventWithRepeatsAmongThem() {
        // published back to back, so the consumer receives them in few batches, repeats in the same batch as the first
        String providerId = TestEvents.newId("prov");
        List<EventEnvelope> burst = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            burst.add(EventEnvelope.of(TestEvents.SOURCE, TestEvents.issued(TestEvents.newId("cred"), providerId)));
        }
        EventEnvelope secondIssuanceOfFirst = EventEnvelope.of(TestEvents.SOURCE,
                TestEvents.issued(((CredentialIssued) burst.get(0).data()).credentialId(), providerId));
        burst.forEach(TestEvents::publish);
        TestEvents.publish(burst.get(5));
        TestEvents.publish(secondIssuanceOfFirst);
        TestEvents.publish(burst.get(59));

        await().atMost(EVENTUALLY).until(() -> processed.findByIdOptional(secondIssuanceOfFirst.id()).isPresent()
                && burst.stream().allMatch(e -> processed.findByIdOptional(e.id()).isPresent()));
        List<EventEnvelope> all = new ArrayList<>(burst);
        all.add(secondIssuanceOfFirst);
        for (EventEnvelope event : all) {
            String credentialId = ((CredentialIssued) event.data()).credentialId();
            CredentialRecord record = records.findIssued(credentialId).orElseThrow();
            assertTrue(record.reflects(event.id()));
            assertEquals(1, audit.find(new AuditQuery(credentialId, null, null, null), 0, 10).items().stream()
                    .filter(entry -> entry.actor().equals(event.id())).count(), "one audit entry per event");
        }
        for (EventEnvelope event : burst.subList(1, burst.size())) {
            // nothing changed these records after their issuance: the entry's state hash is that of the record read back
            String credentialId = ((CredentialIssued) event.data()).credentialId();
            AuditEntry entry = audit.find(new AuditQuery(credentialId, null, null, null), 0, 10).items().get(0);
            assertEquals(CanonicalJson.sha256(CanonicalJson.of(records.findById(credentialId))), entry.stateHash());
        }
        assertTrue(audit.verify().intact());
    }

    @Test
    void sameEventDeliveredTwiceLeavesOneUnchangedRecord() {
        String credentialId = TestEvents.newId("cred");
        EventEnvelope issued = TestEvents.publish(TestEvents.issued(credentialId, TestEvents.newId("prov")));
        String before = awaitOperatorRecord(credentialId);

        RecordMetadata redelivery = TestEvents.publish(issued);
        // consumed in partition order: once this marker is processed, so is the redelivery before it
        EventEnvelope marker = EventEnvelope.of(TestEvents.SOURCE,
                TestEvents.issued(TestEvents.newId("cred"), TestEvents.newId("prov")));
        TestEvents.publishToPartition(marker, redelivery.partition());
        awaitProcessed(marker);

        assertEquals(before, operatorRecord(credentialId));
        CredentialRecord record = records.findById(credentialId);
        assertEquals(List.of(issued.id()), record.appliedEventIds);
        assertEquals(1, record.version);
        assertEquals(1, records.count("_id", credentialId));
        assertEquals(1, processed.count("_id", issued.id()));
    }

    @Test
    void laterIssuanceUnderTheSameCredentialIdChangesNothing() {
        String credentialId = TestEvents.newId("cred");
        TestEvents.publish(TestEvents.issued(credentialId, "ach-first", "prov-first", "cohort-first",
                TestEvents.recipientHash()));
        String before = awaitOperatorRecord(credentialId);

        EventEnvelope second = TestEvents.publish(TestEvents.issued(credentialId, "ach-second", "prov-second",
                "cohort-second", TestEvents.recipientHash()));
        awaitProcessed(second);

        assertEquals(before, operatorRecord(credentialId));
        given().get("/credentials/{id}", credentialId).then().statusCode(200)
                .body("achievementId", equalTo("ach-first"))
                .body("providerId", equalTo("prov-first"));
    }

    @Test
    void revocationShowsTheStatusWithItsReasonAndDate() {
        String credentialId = TestEvents.newId("cred");
        String providerId = TestEvents.newId("prov");
        Instant revokedAt = TestEvents.now();
        TestEvents.publish(TestEvents.issued(credentialId, providerId));
        TestEvents.publish(TestEvents.statusChange(credentialId, providerId, Action.REVOKED,
                "Assessment found to be plagiarised", revokedAt));

        await().atMost(EVENTUALLY).untilAsserted(() -> given().get("/credentials/{id}", credentialId)
                .then().statusCode(200)
                .body("status", equalTo("REVOKED"))
                .body("statusReason", equalTo("Assessment found to be plagiarised"))
                .body("statusChangedAt", equalTo(revokedAt.toString())));
    }

    @Test
    void reinstatementLiftsASuspensionAndTheHistoryKeepsBoth() {
        String credentialId = TestEvents.newId("cred");
        String providerId = TestEvents.newId("prov");
        Instant suspendedAt = TestEvents.now();
        TestEvents.publish(TestEvents.issued(credentialId, providerId));
        EventEnvelope suspended = TestEvents.publish(TestEvents.statusChange(credentialId, providerId,
                Action.SUSPENDED, "Grade under appeal", suspendedAt));
        awaitProcessed(suspended);
        given().get("/credentials/{id}", credentialId).then().statusCode(200)
                .body("status", equalTo("SUSPENDED"))
                .body("statusReason", equalTo("Grade under appeal"));

        EventEnvelope reinstated = TestEvents.publish(TestEvents.statusChange(credentialId, providerId,
                Action.REINSTATED, "Appeal upheld", suspendedAt.plusSeconds(60)));
        awaitProcessed(reinstated);

        given().get("/credentials/{id}", credentialId).then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("statusReason", equalTo("Appeal upheld"))
                .body("statusChangedAt", equalTo(suspendedAt.plusSeconds(60).toString()));
        JsonPath record = JsonPath.from(operatorRecord(credentialId));
        assertEquals(List.of("SUSPENDED", "REINSTATED"), record.getList("statusHistory.action"));
        assertEquals(List.of(suspended.id(), reinstated.id()), record.getList("statusHistory.eventId"));
    }

    @Test
    void revocationArrivingBeforeItsIssuanceIsKeptAndApplied() {
        String credentialId = TestEvents.newId("cred");
        String providerId = TestEvents.newId("prov");
        Instant revokedAt = TestEvents.now();
        EventEnvelope revoked = TestEvents.publish(TestEvents.statusChange(credentialId, providerId,
                Action.REVOKED, "Issued in error", revokedAt));
        awaitProcessed(revoked);
        // a status change alone is not a credential the registry can show
        given().get("/credentials/{id}", credentialId).then().statusCode(404);

        TestEvents.publish(TestEvents.issued(credentialId, providerId));

        await().atMost(EVENTUALLY).untilAsserted(() -> given().get("/credentials/{id}", credentialId)
                .then().statusCode(200)
                .body("providerId", equalTo(providerId))
                .body("status", equalTo("REVOKED"))
                .body("statusReason", equalTo("Issued in error"))
                .body("statusChangedAt", equalTo(revokedAt.toString())));
    }

    @Test
    void malformedAndUnknownEventsGoToTheDeadLetterTopicWithoutBlockingThePartition() {
        // all records share a key, hence a partition: the valid event after them must still be processed
        String credentialId = TestEvents.newId("cred");
        String providerId = TestEvents.newId("prov");
        EventEnvelope valid = EventEnvelope.of(TestEvents.SOURCE, TestEvents.issued(credentialId, providerId));

        Map<String, String> malformedHeaders = new HashMap<>(TestEvents.headersOf(valid));
        malformedHeaders.put(EventCodec.CE_ID, TestEvents.newId("event"));
        byte[] garbage = "{\"credentialId\": ".getBytes(StandardCharsets.UTF_8);
        TestEvents.publishRaw(Topics.CREDENTIALS, credentialId, malformedHeaders, garbage);

        Map<String, String> unknownHeaders = new HashMap<>(TestEvents.headersOf(valid));
        unknownHeaders.put(EventCodec.CE_ID, TestEvents.newId("event"));
        unknownHeaders.put(EventCodec.CE_TYPE, "ca.microcred.credential.teleported.v1");
        unknownHeaders.remove(EventCodec.CE_DATASCHEMA);
        TestEvents.publishRaw(Topics.CREDENTIALS, credentialId, unknownHeaders, TestEvents.dataOf(valid));

        TestEvents.publish(valid);

        List<ConsumerRecord<String, byte[]>> dead = TestEvents.awaitDeadLetters(
                Topics.deadLetter(Topics.CREDENTIALS), credentialId, 2);
        assertEquals(2, dead.size());
        assertArrayEquals(garbage, dead.get(0).value(), "the poison record is kept as it was");
        assertTrue(TestEvents.header(dead.get(0), "dead-letter-reason").orElse("").contains("not valid JSON"),
                () -> "reason: " + TestEvents.header(dead.get(0), "dead-letter-reason"));
        assertTrue(TestEvents.header(dead.get(1), "dead-letter-reason").orElse("")
                        .contains("unknown type 'ca.microcred.credential.teleported.v1'"),
                () -> "reason: " + TestEvents.header(dead.get(1), "dead-letter-reason"));
        assertEquals(Topics.CREDENTIALS, TestEvents.header(dead.get(1), "dead-letter-topic").orElse(null));

        await().atMost(EVENTUALLY).untilAsserted(() -> given().get("/credentials/{id}", credentialId)
                .then().statusCode(200).body("providerId", equalTo(providerId)));
    }

    @Test
    void eventOfAnotherAggregateOnThisTopicGoesToTheDeadLetterTopic() {
        String cohortId = TestEvents.newId("cohort");
        EventEnvelope cohortEvent = EventEnvelope.of(TestEvents.SOURCE,
                TestEvents.cohortCompleted(cohortId, TestEvents.newId("prov"), TestEvents.now(), 10, 8, 6));
        TestEvents.publishRaw(Topics.CREDENTIALS, cohortId, TestEvents.headersOf(cohortEvent),
                TestEvents.dataOf(cohortEvent));

        ConsumerRecord<String, byte[]> dead = TestEvents.awaitDeadLetters(Topics.deadLetter(Topics.CREDENTIALS),
                cohortId, 1).get(0);
        assertTrue(TestEvents.header(dead, "dead-letter-reason").orElse("").contains("does not belong on "
                + Topics.CREDENTIALS), () -> "reason: " + TestEvents.header(dead, "dead-letter-reason"));
        given().get("/cohorts/{id}", cohortId).then().statusCode(404);
    }

    private void awaitProcessed(EventEnvelope event) {
        await().atMost(EVENTUALLY).until(() -> processed.findByIdOptional(event.id()).isPresent());
    }

    private static String awaitOperatorRecord(String credentialId) {
        await().atMost(EVENTUALLY).until(() -> given().auth().oauth2(DevTokens.operator())
                .get("/operator/credentials/{id}", credentialId).statusCode() == 200);
        return operatorRecord(credentialId);
    }

    private static String operatorRecord(String credentialId) {
        return given().auth().oauth2(DevTokens.operator())
                .get("/operator/credentials/{id}", credentialId)
                .then().statusCode(200).body("credentialId", equalTo(credentialId))
                .body("recipientHash", containsString("sha256$"))
                .extract().asString();
    }
}
