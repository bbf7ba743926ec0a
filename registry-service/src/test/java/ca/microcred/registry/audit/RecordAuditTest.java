package ca.microcred.registry.audit;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.registry.support.RegistryFixtures;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Changes to credential and cohort records reach the audit trail once per event, however often it arrives. */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class RecordAuditTest {

    @Inject
    AuditTrail audit;

    @Test
    void credentialIssuanceAndRevocationAreAuditedOnceEach() {
        String providerId = RegistryFixtures.newId("prov");
        String credentialId = RegistryFixtures.newId("cred");
        ObjectNode document = JsonNodeFactory.instance.objectNode().put("id", "urn:uuid:" + credentialId);
        document.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        var issuedAt = RegistryFixtures.now().minus(1, ChronoUnit.HOURS);
        EventEnvelope issued = RegistryFixtures.publish(new CredentialIssued(credentialId, "ach-1", providerId, null,
                "sha256$" + "ef".repeat(32), "salt", issuedAt, issuedAt, null, "none", document, null, null));
        RegistryFixtures.publish(issued);
        EventEnvelope revoked = RegistryFixtures.publish(new CredentialRevoked(credentialId, providerId,
                CredentialRevoked.Action.REVOKED, "Issued in error", RegistryFixtures.now()));
        RegistryFixtures.publish(revoked);

        await().atMost(Duration.ofSeconds(30)).until(() -> audit.recorded(revoked.id(), credentialId));
        List<AuditEntry> entries = audit.find(new AuditQuery(credentialId, null, null, null), 0, 10).items();
        assertEquals(List.of(issued.id(), revoked.id()), entries.stream().map(AuditEntry::actor).toList());
        assertEquals(List.of("credential", "credential"), entries.stream().map(AuditEntry::entityType).toList());
        assertEquals(providerId, entries.get(1).providerId());
        assertNotEquals(entries.get(0).stateHash(), entries.get(1).stateHash(), "the revocation changed the state");
        assertEquals(2, audit.find(new AuditQuery(null, providerId, null, null), 0, 10).total());
        assertTrue(audit.verify().intact());
    }

    @Test
    void aCohortCompletionIsAudited() {
        String providerId = RegistryFixtures.newId("prov");
        String cohortId = RegistryFixtures.newId("cohort");
        EventEnvelope completed = RegistryFixtures.publish(new CohortCompleted(cohortId, RegistryFixtures.newId("completion"),
                "ach-1", providerId, new LocalizedText("Welding", "Soudage"), "AB", "IN_PERSON", "en",
                RegistryFixtures.now(), 12, 10, 9, List.of()));
        RegistryFixtures.publish(completed);

        await().atMost(Duration.ofSeconds(30)).until(() -> audit.recorded(completed.id(), cohortId));
        List<AuditEntry> entries = audit.find(new AuditQuery(cohortId, null, null, null), 0, 10).items();
        assertEquals(1, entries.size());
        assertEquals("cohort", entries.get(0).entityType());
        assertEquals(providerId, entries.get(0).providerId());
    }
}
