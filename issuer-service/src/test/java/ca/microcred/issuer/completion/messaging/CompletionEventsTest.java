package ca.microcred.issuer.completion.messaging;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.EventRejectedException;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.Province;
import ca.microcred.contracts.Topics;
import ca.microcred.issuer.completion.Completion;
import ca.microcred.issuer.completion.CompletionStatus;
import ca.microcred.issuer.completion.Learner;
import ca.microcred.issuer.completion.service.RecipientIdentity;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CredentialIssued entry written with the credential's JSON embedded as is. */
class CompletionEventsTest {

    private static final Instant ISSUED_AT = Instant.parse("2026-11-29T12:00:00.123Z");

    private final EventCodec codec = new EventCodec();
    private final CompletionEvents events = new CompletionEvents(codec, null);
    private final Learner learner = learner();
    private final Completion completion = completion(learner);

    @Test
    void aSignedDocumentTravelsVerbatimAndDecodesAsTheContractSaysAConsumerReadsIt() throws Exception {
        ObjectNode credential = credential();
        credential.putObject("proof").put("type", "DataIntegrityProof").put("cryptosuite", "eddsa-rdfc-2022")
                .put("proofValue", "z3Ujq");

        CompletionEvents.Issued issued = events.credentialIssued(completion, learner, credential, null,
                "eddsa-rdfc-2022", "http://localhost:8081/credentials/" + learner.credentialId(), ISSUED_AT);

        assertEquals(codec.mapper().writeValueAsString(credential), issued.credentialJson());
        assertTrue(issued.event().data().contains("\"credential\":" + issued.credentialJson()));
        assertEquals(Topics.CREDENTIALS, issued.event().topic());
        assertEquals(learner.credentialId(), issued.event().key());
        EventEnvelope decoded = codec.decode(issued.event().headers(),
                issued.event().data().getBytes(StandardCharsets.UTF_8));
        CredentialIssued data = (CredentialIssued) decoded.data();
        assertEquals(credential, data.credential());
        assertEquals(learner.recipientHash(), data.recipientHash());
        assertEquals(ISSUED_AT, data.issuedAt());
        assertEquals(ISSUED_AT, decoded.time());
        // the same JSON as the codec writes for the record
        assertEquals(codec.mapper().readTree(codec.encodeData(data)), codec.mapper().readTree(issued.event().data()));
    }

    @Test
    void aVcJwtTravelsAsTheTokenAlone() {
        String jwt = "eyJhbGciOiJFZERTQSJ9.eyJpZCI6InVybjp4In0.c2lnbmF0dXJl";

        CompletionEvents.Issued issued = events.credentialIssued(completion, learner, null, jwt, "vc-jwt",
                "http://localhost:8081/credentials/" + learner.credentialId(), ISSUED_AT);

        assertNull(issued.credentialJson());
        CredentialIssued data = (CredentialIssued) codec.decode(issued.event().headers(),
                issued.event().data().getBytes(StandardCharsets.UTF_8)).data();
        assertEquals(jwt, data.credentialJwt());
        assertNull(data.credential());
    }

    @Test
    void dataBreakingTheContractIsRefusedBeforeItIsStored() {
        // a Data Integrity credential without its proof, and a token that is not a compact JWS
        EventRejectedException unsigned = assertThrows(EventRejectedException.class, () ->
                events.credentialIssued(completion, learner, credential(), null, "eddsa-rdfc-2022",
                        "http://localhost:8081/credentials/" + learner.credentialId(), ISSUED_AT));
        assertTrue(unsigned.violations().stream().anyMatch(v -> v.path().equals("$.credential.proof")),
                unsigned.getMessage());

        EventRejectedException notAJws = assertThrows(EventRejectedException.class, () ->
                events.credentialIssued(completion, learner, null, "not a token", "vc-jwt",
                        "http://localhost:8081/credentials/" + learner.credentialId(), ISSUED_AT));
        assertTrue(notAJws.violations().stream().anyMatch(v -> v.path().equals("$.credentialJwt")),
                notAJws.getMessage());
    }

    @Test
    void aLongTokenIsCarriedWholeAfterItsCheck() {
        String jwt = "eyJhbGciOiJFZERTQSJ9." + "eyJpZCI6InVybjp4In0-_".repeat(800) + ".c2lnbmF0dXJl";

        CompletionEvents.Issued issued = events.credentialIssued(completion, learner, null, jwt, "vc-jwt",
                "http://localhost:8081/credentials/" + learner.credentialId(), ISSUED_AT);

        CredentialIssued data = (CredentialIssued) codec.decode(issued.event().headers(),
                issued.event().data().getBytes(StandardCharsets.UTF_8)).data();
        assertEquals(jwt, data.credentialJwt());
    }

    @Test
    void theTokenScanAgreesWithTheSchemasPattern() throws Exception {
        Pattern schema = Pattern.compile(codec.mapper().readTree(getClass().getClassLoader()
                        .getResourceAsStream("schemas/credential.issued.v1.json"))
                .at("/properties/credentialJwt/pattern").asText());
        String payload = "eyJpZCI6InVybjp4In0".repeat(10);
        List<String> tokens = List.of("a.b.c", "a.b.", "a..c", ".b.c", "a.b", "a.b.c.d", "abc", "", "a.b.c=",
                "a+b.c.d", "a.b/c.d", "a.b.c ", " a.b.c", "éa.b.c", "a_-Z9.0-_z.", "h." + payload + ".s",
                "h." + payload + "=.s", "h." + payload + "..s", "h.." + payload);
        for (String token : tokens) {
            boolean scanned = true;
            try {
                CompletionEvents.requireCompactJws(token);
            } catch (EventRejectedException e) {
                scanned = false;
                assertEquals(List.of("$.credentialJwt"), e.violations().stream().map(v -> v.path()).toList());
            }
            assertEquals(schema.matcher(token).find(), scanned, token);
        }
    }

    private ObjectNode credential() {
        ObjectNode credential = codec.mapper().createObjectNode();
        credential.putArray("@context").add("https://www.w3.org/ns/credentials/v2");
        credential.put("id", "http://localhost:8081/credentials/" + learner.credentialId());
        credential.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        credential.put("name", "Opérations infonuagiques « avancées »");
        return credential;
    }

    private static Learner learner() {
        String salt = RecipientIdentity.newSalt();
        String email = "amelie@example.ca";
        return new Learner("Amélie", email, true, true, List.of(), "87 %", UUID.randomUUID().toString(), salt,
                RecipientIdentity.hash(email, salt));
    }

    private static Completion completion(Learner learner) {
        String id = UUID.randomUUID().toString();
        return new Completion(id, "prov-cegep", id, "request-hash", "cohort-1", "ach-cloud-ops",
                new LocalizedText("Cloud Operations", "Opérations infonuagiques"), Province.QC, DeliveryMode.ONLINE,
                "fr", List.of(learner), CompletionStatus.ACCEPTED, ISSUED_AT, null, 0, null, "{}", "Cégep", false);
    }
}
