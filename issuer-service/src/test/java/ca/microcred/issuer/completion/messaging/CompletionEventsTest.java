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
