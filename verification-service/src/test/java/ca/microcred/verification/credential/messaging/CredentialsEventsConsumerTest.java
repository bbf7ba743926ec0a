package ca.microcred.verification.credential.messaging;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.CredentialRevoked.Action;
import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.verification.credential.CredentialRecord;
import ca.microcred.verification.credential.CredentialStatus;
import ca.microcred.verification.credential.repository.CredentialRecordRepository;
import ca.microcred.verification.credential.service.CredentialReadModel;
import ca.microcred.verification.support.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static ca.microcred.verification.support.VerificationAnswers.awaitAnswer;
import static ca.microcred.verification.support.VerificationAnswers.outcome;
import static ca.microcred.verification.support.VerificationAnswers.reason;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class CredentialsEventsConsumerTest {

    @Inject
    CredentialRecordRepository records;

    @Test
    void redeliveredEventsHaveOneEffect() {
        String credentialId = TestEvents.newId("cred");
        String providerId = TestEvents.newId("prov");
        Instant suspendedAt = TestEvents.now();
        EventEnvelope issued = TestEvents.publish(TestEvents.issued(credentialId, providerId));
        EventEnvelope suspended = TestEvents.publish(TestEvents.statusChange(credentialId, providerId,
                Action.SUSPENDED, "Grade under appeal", suspendedAt));
        TestEvents.publish(suspended);
        TestEvents.publish(issued);
        // same key, same partition: once this one is applied, both redeliveries have been consumed
        EventEnvelope reinstated = TestEvents.publish(TestEvents.statusChange(credentialId, providerId,
                Action.REINSTATED, "Appeal upheld", suspendedAt.plusSeconds(1)));

        await().atMost(Duration.ofSeconds(30)).until(() -> records.findByIdOptional(credentialId)
                .map(r -> r.reflects(reinstated.id())).orElse(false));

        CredentialRecord record = records.findById(credentialId);
        assertEquals(List.of(issued.id(), suspended.id(), reinstated.id()), record.appliedEventIds);
        assertEquals(2, record.statusChanges.size());
        assertEquals(CredentialStatus.ACTIVE, record.status);
        assertEquals(3, record.version);
        given().get("/verifications/{id}", credentialId).then().statusCode(200).body("verified", is(true));
    }

    @Test
    void credentialsIssuedBeforeAStartAreRecognisedFromTheDatabase() {
        String credentialId = TestEvents.newId("cred");
        String providerId = TestEvents.newId("prov");
        EventEnvelope issued = TestEvents.publish(TestEvents.issued(credentialId, providerId));
        EventEnvelope revoked = TestEvents.publish(TestEvents.statusChange(credentialId, providerId,
                Action.REVOKED, "Issued in error", TestEvents.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> records.findByIdOptional(credentialId)
                .map(r -> r.reflects(issued.id()) && r.reflects(revoked.id())).orElse(false));

        // a read model as a freshly started instance has it: nothing consumed yet, everything in the database
        CredentialReadModel restarted = new CredentialReadModel(records);
        CredentialRecord ours = restarted.findIssuedByDocumentId("urn:uuid:" + credentialId).orElseThrow();
        assertEquals(credentialId, ours.id);
        assertEquals(CredentialStatus.REVOKED, ours.status);
        assertFalse(restarted.findIssuedByDocumentId("urn:uuid:" + TestEvents.newId("cred")).isPresent());
    }

    @Test
    void revocationArrivingBeforeTheIssuanceIsKeptAndApplied() {
        String credentialId = TestEvents.newId("cred");
        String providerId = TestEvents.newId("prov");
        Instant revokedAt = TestEvents.now();
        TestEvents.publish(TestEvents.statusChange(credentialId, providerId, Action.REVOKED,
                "Issued in error", revokedAt));

        await().atMost(Duration.ofSeconds(30)).until(() -> records.findByIdOptional(credentialId).isPresent());
        CredentialRecord pending = records.findById(credentialId);
        assertFalse(pending.issued);
        assertEquals(CredentialStatus.REVOKED, pending.status);
        // a status change alone does not make a credential the registry issued
        given().get("/verifications/{id}", credentialId).then().statusCode(404);

        TestEvents.publish(TestEvents.issued(credentialId, providerId));

        awaitAnswer(credentialId)
                .body("verified", is(false))
                .body(outcome("issued"), equalTo("PASS"))
                .body(outcome("status"), equalTo("FAIL"))
                .body(reason("status"), equalTo("Revoked on " + revokedAt + ": Issued in error"));
    }

    @Test
    void invalidEventGoesToTheDeadLetterTopicWithoutBlockingThePartition() {
        // the poison record and the valid event after it share a key, hence a partition
        String credentialId = TestEvents.newId("cred");
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        TestEvents.publishRaw(Topics.CREDENTIALS, credentialId, Map.of(
                "ce_specversion", "1.0",
                "ce_id", TestEvents.newId("event"),
                "ce_source", TestEvents.SOURCE,
                "ce_type", "ca.microcred.credential.issued.v1",
                "ce_subject", credentialId,
                "ce_time", TestEvents.now().toString(),
                "content-type", "application/json"), garbage);
        TestEvents.publish(TestEvents.issued(credentialId, TestEvents.newId("prov")));

        ConsumerRecord<String, byte[]> dead = TestEvents.awaitDeadLetter(Topics.deadLetter(Topics.CREDENTIALS),
                credentialId);
        assertArrayEquals(garbage, dead.value());
        assertEquals(Topics.CREDENTIALS, TestEvents.header(dead, "dead-letter-topic").orElse(null));
        assertTrue(TestEvents.header(dead, "dead-letter-reason").orElse("").contains("is not valid JSON"),
                "the reason travels with the event");

        awaitAnswer(credentialId).body("verified", is(true));
    }

    @Test
    void validEventOfAnotherTopicGoesToTheDeadLetterTopic() {
        String providerId = TestEvents.newId("prov");
        EventEnvelope misrouted = EventEnvelope.of(TestEvents.SOURCE, TestEvents.accreditation(providerId,
                State.PENDING, State.ACCREDITED, "Meets the national framework", TestEvents.now()));
        EventCodec codec = new EventCodec();
        TestEvents.publishRaw(Topics.CREDENTIALS, misrouted.key(), codec.binaryHeaders(misrouted),
                codec.encodeData(misrouted.data()));

        ConsumerRecord<String, byte[]> dead = TestEvents.awaitDeadLetter(Topics.deadLetter(Topics.CREDENTIALS),
                providerId);
        assertEquals(misrouted.id(), TestEvents.header(dead, "ce_id").orElse(null));
        assertTrue(TestEvents.header(dead, "dead-letter-reason").orElse("")
                .contains("does not belong on credentials.events"));
        assertFalse(records.findByIdOptional(providerId).isPresent());
    }
}
