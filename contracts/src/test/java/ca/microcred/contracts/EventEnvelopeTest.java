package ca.microcred.contracts;

import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.contracts.events.EventType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventEnvelopeTest {

    @Test
    void ofTakesTypeSubjectAndSchemaFromThePayload() {
        Instant before = Instant.now();
        EventEnvelope event = EventEnvelope.of("/issuer-service", EventSamples.credentialIssued());

        assertEquals(EventType.CREDENTIAL_ISSUED.type(), event.type());
        assertEquals("cred-7f3a9c", event.subject());
        assertEquals("https://microcred.ca/schemas/credential.issued.v1.json", event.dataschema());
        assertEquals("application/json", event.datacontenttype());
        assertEquals("/issuer-service", event.source());
        UUID.fromString(event.id());
        assertTrue(Duration.between(before, event.time()).abs().toSeconds() < 5);
        assertNotEquals(event.id(), EventEnvelope.of("/issuer-service", EventSamples.credentialIssued()).id());
    }

    @Test
    void withIdKeepsEverythingElse() {
        EventEnvelope event = EventEnvelope.of("/issuer-service", EventSamples.credentialIssued());

        EventEnvelope stable = event.withId("outbox-42");

        assertEquals("outbox-42", stable.id());
        assertEquals(event, stable.withId(event.id()));
    }

    @Test
    void typeAndSubjectMustMatchThePayload() {
        CredentialRevoked revoked = (CredentialRevoked) EventSamples.sample(EventType.CREDENTIAL_REVOKED);
        Instant now = Instant.now();

        assertThrows(IllegalArgumentException.class, () -> new EventEnvelope("e-1", "/x",
                EventType.CREDENTIAL_ISSUED.type(), revoked.credentialId(), now, null, null, revoked));
        assertThrows(IllegalArgumentException.class, () -> new EventEnvelope("e-1", "/x",
                EventType.CREDENTIAL_REVOKED.type(), "cred-other", now, null, null, revoked));
        assertThrows(IllegalArgumentException.class, () -> EventEnvelope.of(" ", revoked));
    }

    @Test
    void schemaAndContentTypeDefaultFromTheType() {
        CredentialRevoked revoked = (CredentialRevoked) EventSamples.sample(EventType.CREDENTIAL_REVOKED);

        EventEnvelope event = new EventEnvelope("e-1", "/x", EventType.CREDENTIAL_REVOKED.type(),
                revoked.credentialId(), Instant.now(), null, null, revoked);

        assertEquals(EventType.CREDENTIAL_REVOKED.schemaUri(), event.dataschema());
        assertEquals("application/json", event.datacontenttype());
    }
}
