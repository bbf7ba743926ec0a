package ca.microcred.credentials.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.IssuerShapedCredentials;
import ca.microcred.credentials.TestVectors;
import ca.microcred.credentials.did.DidKey;
import ca.microcred.credentials.did.DidWeb;
import ca.microcred.credentials.keys.Ed25519KeyPair;
import ca.microcred.credentials.keys.KeyResolver;
import ca.microcred.credentials.keys.VerificationKey;
import ca.microcred.credentials.proof.VerificationResult.Reason;

class DataIntegrityProofsTest {

    private static final KeyResolver VECTOR_KEY = KeyResolver.multikey(TestVectors.json("spec-test-vector-public-key.json"));
    private static final Instant CREATED = Instant.parse("2026-05-01T12:00:00Z");

    @Test
    void officialOpenBadgesVectorVerifiesWithItsPinnedKey() {
        VerificationResult result = DataIntegrityProofs.verify(TestVectors.signedVector(), VECTOR_KEY);

        assertThat(result.verified()).as(result.toString()).isTrue();
        assertThat(result.reason()).isNull();
        assertThat(result.controller()).isEqualTo("https://example.edu/issuers/565049");
    }

    @Test
    void officialVectorIsRejectedAfterAnyChangeToASignedField() {
        ObjectNode renamed = TestVectors.signedVector();
        renamed.put("name", "Teamwork Badge!");
        ObjectNode otherSubject = TestVectors.signedVector();
        ((ObjectNode) otherSubject.get("credentialSubject")).put("id", "did:example:someone-else");
        ObjectNode backdated = TestVectors.signedVector();
        ((ObjectNode) backdated.get("proof")).put("created", "2010-01-01T19:23:25Z");

        for (ObjectNode tampered : new ObjectNode[] {renamed, otherSubject, backdated}) {
            VerificationResult result = DataIntegrityProofs.verify(tampered, VECTOR_KEY);
            assertThat(result.verified()).isFalse();
            assertThat(result.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        }
    }

    @Test
    void issuerCredentialsSignedOnTheDirectPathVerifyOnTheGeneralOne() {
        // signing canonicalises with DirectCanonicalizer, verification with the titanium pipeline
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(new byte[32]);
        Random random = new Random(11);
        for (int i = 0; i < 40; i++) {
            ObjectNode credential = IssuerShapedCredentials.random(random);
            String did = credential.path("issuer").path("id").asText();
            KeyResolver resolver = KeyResolver.of(VerificationKey.forAssertion(did + "#key-1", did, key.publicKey()));

            ObjectNode signed = DataIntegrityProofs.sign(credential, key, did + "#key-1", CREATED);
            VerificationResult result = DataIntegrityProofs.verify(signed, resolver);

            assertThat(result.verified()).as(result.toString()).isTrue();
            assertThat((Object) signed.deepCopy().without("proof")).isEqualTo(credential);
            signed.put("validFrom", "2030-01-01T00:00:00Z");
            assertThat(DataIntegrityProofs.verify(signed, resolver).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        }
    }

    @Test
    void officialVectorNeedsTheRightKey() {
        String method = TestVectors.signedVector().path("proof").path("verificationMethod").asText();
        KeyResolver otherKey = KeyResolver.of(VerificationKey.forAssertion(method, "https://example.edu/issuers/565049",
                Ed25519KeyPair.generate().publicKey()));

        assertThat(DataIntegrityProofs.verify(TestVectors.signedVector(), otherKey).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(DataIntegrityProofs.verify(TestVectors.signedVector(), KeyResolver.didKey()).reason())
                .isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void signedCredentialVerifiesWithDidKey() {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        ObjectNode credential = credentialIssuedBy(DidKey.did(key.publicKey()));

        ObjectNode secured = DataIntegrityProofs.sign(credential, key, DidKey.verificationMethodId(key.publicKey()), CREATED);

        assertThat(credential.has("proof")).as("input left unchanged").isFalse();
        ObjectNode proof = (ObjectNode) secured.get("proof");
        assertThat(proof.path("type").asText()).isEqualTo("DataIntegrityProof");
        assertThat(proof.path("cryptosuite").asText()).isEqualTo("eddsa-rdfc-2022");
        assertThat(proof.path("created").asText()).isEqualTo("2026-05-01T12:00:00Z");
        assertThat(proof.path("proofPurpose").asText()).isEqualTo("assertionMethod");
        assertThat(proof.path("proofValue").asText()).startsWith("z");
        VerificationResult result = DataIntegrityProofs.verify(secured, KeyResolver.didKey());
        assertThat(result.verified()).as(result.toString()).isTrue();
        assertThat(result.verificationMethod()).isEqualTo(DidKey.verificationMethodId(key.publicKey()));
    }

    @Test
    void signedCredentialVerifiesAgainstTheIssuersDidWebDocument() {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        String did = DidWeb.fromUrl("https://issuer.microcred.ca/providers/p-1");
        ObjectNode didDocument = DidWeb.document(did).activeKey("key-1", key.publicKey()).build();

        ObjectNode secured = DataIntegrityProofs.sign(credentialIssuedBy(did), key, did + "#key-1", CREATED);

        assertThat(DataIntegrityProofs.verify(secured, KeyResolver.didDocument(didDocument)).verified()).isTrue();
    }

    @Test
    void keyOfAnotherControllerIsAMismatch() {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        ObjectNode credential = credentialIssuedBy("did:web:issuer.microcred.ca:providers:p-1");

        ObjectNode secured = DataIntegrityProofs.sign(credential, key, DidKey.verificationMethodId(key.publicKey()), CREATED);

        VerificationResult result = DataIntegrityProofs.verify(secured, KeyResolver.didKey());
        assertThat(result.reason()).isEqualTo(Reason.KEY_MISMATCH);
        assertThat(result.message()).contains("not by the issuer");
    }

    @Test
    void keyNotAuthorisedForAssertionIsAMismatch() {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        String did = "did:web:issuer.microcred.ca";
        ObjectNode didDocument = DidWeb.document(did)
                .key("auth-only", key.publicKey(), java.util.EnumSet.of(
                        ca.microcred.credentials.did.DidDocumentBuilder.Relationship.AUTHENTICATION))
                .build();

        ObjectNode secured = DataIntegrityProofs.sign(credentialIssuedBy(did), key, did + "#auth-only", CREATED);

        assertThat(DataIntegrityProofs.verify(secured, KeyResolver.didDocument(didDocument)).reason())
                .isEqualTo(Reason.KEY_MISMATCH);
    }

    @Test
    void clearReasonsForBrokenProofs() {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        ObjectNode secured = DataIntegrityProofs.sign(credentialIssuedBy(DidKey.did(key.publicKey())), key,
                DidKey.verificationMethodId(key.publicKey()), CREATED);

        ObjectNode noProof = secured.deepCopy();
        noProof.remove("proof");
        assertThat(reasonOf(noProof)).isEqualTo(Reason.MISSING_PROOF);

        assertThat(reasonOf(withProofField(secured, "cryptosuite", "ecdsa-rdfc-2019"))).isEqualTo(Reason.UNKNOWN_CRYPTOSUITE);
        assertThat(reasonOf(withProofField(secured, "type", "Ed25519Signature2020"))).isEqualTo(Reason.UNSUPPORTED_PROOF_TYPE);
        assertThat(reasonOf(withProofField(secured, "proofValue", "not-multibase"))).isEqualTo(Reason.MALFORMED_PROOF_VALUE);
        assertThat(reasonOf(withProofField(secured, "proofValue", "z3yZe"))).isEqualTo(Reason.MALFORMED_PROOF_VALUE);
        assertThat(reasonOf(withProofField(secured, "proofValue", "z0OIl"))).isEqualTo(Reason.MALFORMED_PROOF_VALUE);
        assertThat(reasonOf(withProofField(secured, "proofPurpose", "authentication"))).isEqualTo(Reason.WRONG_PROOF_PURPOSE);
        assertThat(reasonOf(withProofField(secured, "created", "yesterday"))).isEqualTo(Reason.MALFORMED_PROOF);
        assertThat(reasonOf(withProofField(secured, "expires", "2020-01-01T00:00:00Z"))).isEqualTo(Reason.PROOF_EXPIRED);

        ObjectNode unknownContext = secured.deepCopy();
        ((ArrayNode) unknownContext.get("@context")).add("https://example.com/context.jsonld");
        assertThat(reasonOf(unknownContext)).isEqualTo(Reason.UNKNOWN_CONTEXT);
    }

    @Test
    void nodeAddedAfterSigningThatRdfWouldDropIsRejected() throws Exception {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        ObjectNode secured = DataIntegrityProofs.sign(credentialIssuedBy(DidKey.did(key.publicKey())), key,
                DidKey.verificationMethodId(key.publicKey()), CREATED);

        ((ObjectNode) secured.get("credentialSubject")).set("https://example.com/ns#endorsedBy",
                TestVectors.MAPPER.readTree("{\"id\":\"ceo\",\"name\":\"Forged endorsement\"}"));

        VerificationResult result = DataIntegrityProofs.verify(secured, KeyResolver.didKey());
        assertThat(result.verified()).isFalse();
        assertThat(result.reason()).isEqualTo(Reason.INVALID_JSON_LD);
    }

    @Test
    void proofSetVerifiesOnlyWhenEveryProofDoes() {
        Ed25519KeyPair first = Ed25519KeyPair.generate();
        String did = "did:web:issuer.microcred.ca";
        Ed25519KeyPair second = Ed25519KeyPair.generate();
        ObjectNode didDocument = DidWeb.document(did).activeKey("k1", first.publicKey())
                .activeKey("k2", second.publicKey()).build();
        ObjectNode once = DataIntegrityProofs.sign(credentialIssuedBy(did), first, did + "#k1", CREATED);

        ObjectNode twice = DataIntegrityProofs.sign(once, second, did + "#k2", CREATED);

        assertThat(twice.get("proof").isArray()).isTrue();
        assertThat(twice.get("proof")).hasSize(2);
        KeyResolver resolver = KeyResolver.didDocument(didDocument);
        assertThat(DataIntegrityProofs.verify(twice, resolver).verified()).isTrue();
        ObjectNode broken = twice.deepCopy();
        ((ObjectNode) broken.get("proof").get(1)).put("created", "2026-05-01T12:00:01Z");
        assertThat(DataIntegrityProofs.verify(broken, resolver).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    private static Reason reasonOf(ObjectNode document) {
        VerificationResult result = DataIntegrityProofs.verify(document, KeyResolver.didKey());
        assertThat(result.verified()).isFalse();
        return result.reason();
    }

    private static ObjectNode withProofField(ObjectNode secured, String field, String value) {
        ObjectNode copy = secured.deepCopy();
        ((ObjectNode) copy.get("proof")).put(field, value);
        return copy;
    }

    static ObjectNode credentialIssuedBy(String issuer) {
        ObjectNode credential = TestVectors.json("basicOpenBadgeCredential.json");
        ((ObjectNode) credential.get("issuer")).put("id", issuer);
        return credential;
    }
}
