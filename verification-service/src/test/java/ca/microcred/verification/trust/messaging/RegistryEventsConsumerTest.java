package ca.microcred.verification.trust.messaging;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.verification.support.TestEvents;
import ca.microcred.verification.trust.TrustedIssuer;
import ca.microcred.verification.trust.repository.TrustListRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class RegistryEventsConsumerTest {

    @Inject
    TrustListRepository trustList;

    @Test
    void redeliveredAndStaleDecisionsLeaveTheLatestDecisionInPlace() {
        String providerId = TestEvents.newId("prov");
        Instant accreditedAt = TestEvents.now().minus(2, ChronoUnit.DAYS);
        Instant suspendedAt = accreditedAt.plus(1, ChronoUnit.DAYS);
        EventEnvelope accredited = TestEvents.publish(TestEvents.accreditation(providerId, State.PENDING,
                State.ACCREDITED, "Meets the national framework", accreditedAt));
        EventEnvelope suspended = TestEvents.publish(TestEvents.accreditation(providerId, State.ACCREDITED,
                State.SUSPENDED, "Quality audit overdue", suspendedAt));
        TestEvents.publish(accredited);
        // decided before the suspension but delivered after it, as after a replay of the topic
        EventEnvelope stale = TestEvents.publish(TestEvents.accreditation(providerId, State.PENDING,
                State.ACCREDITED, "Initial review", accreditedAt.plus(1, ChronoUnit.HOURS)));

        await().atMost(Duration.ofSeconds(30)).until(() -> trustList.findByIdOptional(providerId)
                .map(entry -> entry.reflects(stale.id())).orElse(false));

        TrustedIssuer entry = trustList.findById(providerId);
        assertEquals(State.SUSPENDED, entry.state);
        assertEquals("Quality audit overdue", entry.reason);
        assertEquals(suspendedAt, entry.decidedAt);
        assertEquals("did:web:issuer.microcred.ca:providers:" + providerId, entry.did);
        assertEquals(List.of(accredited.id(), suspended.id(), stale.id()), entry.appliedEventIds);
    }

    @Test
    void eventOfUnknownTypeGoesToTheDeadLetterTopic() {
        String providerId = TestEvents.newId("prov");
        byte[] data = "{\"providerId\":\"p\"}".getBytes(StandardCharsets.UTF_8);
        TestEvents.publishRaw(Topics.REGISTRY, providerId, Map.of(
                "ce_specversion", "1.0",
                "ce_id", TestEvents.newId("event"),
                "ce_source", TestEvents.SOURCE,
                "ce_type", "ca.microcred.provider.renamed.v1",
                "ce_subject", providerId,
                "ce_time", TestEvents.now().toString(),
                "content-type", "application/json"), data);

        ConsumerRecord<String, byte[]> dead = TestEvents.awaitDeadLetter(Topics.deadLetter(Topics.REGISTRY), providerId);
        assertEquals(Topics.REGISTRY, TestEvents.header(dead, "dead-letter-topic").orElse(null));
        assertTrue(TestEvents.header(dead, "dead-letter-reason").orElse("")
                .contains("unknown type 'ca.microcred.provider.renamed.v1'"));
        assertFalse(trustList.findByIdOptional(providerId).isPresent(), "nothing reaches the trust list");
    }
}
