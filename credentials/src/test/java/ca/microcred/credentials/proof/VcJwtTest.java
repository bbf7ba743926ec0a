package ca.microcred.credentials.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.TestVectors;
import ca.microcred.credentials.did.DidKey;
import ca.microcred.credentials.did.DidWeb;
import ca.microcred.credentials.keys.Ed25519KeyPair;
import ca.microcred.credentials.keys.KeyResolver;
import ca.microcred.credentials.keys.VerificationKey;
import ca.microcred.credentials.proof.VerificationResult.Reason;

class VcJwtTest {

    private final Ed25519KeyPair key = Ed25519KeyPair.generate();
    private final String did = DidKey.did(key.publicKey());
    private final String kid = DidKey.verificationMethodId(key.publicKey());

    @Test
    void roundTripReturnsTheCredential() throws Exception {
        ObjectNode credential = DataIntegrityProofsTest.credentialIssuedBy(did);

        String jwt = VcJwt.sign(credential, key, kid);

        JsonNode header = TestVectors.MAPPER.readTree(part(jwt, 0));
        assertThat(header.path("alg").asText()).isEqualTo("EdDSA");
        assertThat(header.path("typ").asText()).isEqualTo("vc+jwt");
        assertThat(header.path("kid").asText()).isEqualTo(kid);
        assertThat(TestVectors.MAPPER.readTree(part(jwt, 1))).as("payload is the bare credential").isEqualTo(credential);
        VerificationResult result = VcJwt.verify(jwt, KeyResolver.didKey());
        assertThat(result.verified()).as(result.toString()).isTrue();
        assertThat(result.credential()).isEqualTo(credential);
        assertThat(result.controller()).isEqualTo(did);
    }

    @Test
    void decodeReadsTheCredentialWithoutVerifyingAndVerifyAcceptsTheDecodedToken() {
        ObjectNode credential = DataIntegrityProofsTest.credentialIssuedBy(did);
        String jwt = VcJwt.sign(credential, key, kid);

        VcJwt.Decoded decoded = VcJwt.decode(" " + jwt + "\n");

        assertThat(decoded.payload()).isEqualTo(credential);
        assertThat(decoded.alg()).isEqualTo("EdDSA");
        assertThat(decoded.kid()).isEqualTo(kid);
        assertThat(VcJwt.verify(decoded, KeyResolver.didKey()).verified()).isTrue();
        Ed25519KeyPair other = Ed25519KeyPair.generate();
        assertThat(VcJwt.verify(decoded, id -> DidKey.resolve(DidKey.verificationMethodId(other.publicKey()))
                .map(k -> new VerificationKey(id, did, k.publicKey(), k.relationships())))
                .reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThatThrownBy(() -> VcJwt.decode("a.b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VcJwt.decode("e30.bm90IGpzb24.c2ln"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload");
    }

    @Test
    void verifiesAgainstADidWebDocument() {
        String webDid = "did:web:issuer.microcred.ca:providers:p-1";
        ObjectNode didDocument = DidWeb.document(webDid).activeKey("key-1", key.publicKey()).build();

        String jwt = VcJwt.sign(DataIntegrityProofsTest.credentialIssuedBy(webDid), key, webDid + "#key-1");

        assertThat(VcJwt.verify(jwt, KeyResolver.didDocument(didDocument)).verified()).isTrue();
    }

    @Test
    void tamperedPayloadIsRejected() throws Exception {
        String jwt = VcJwt.sign(DataIntegrityProofsTest.credentialIssuedBy(did), key, kid);
        ObjectNode payload = (ObjectNode) TestVectors.MAPPER.readTree(part(jwt, 1));
        payload.put("name", "Teamwork Badge (forged)");

        String forged = replacePart(jwt, 1, TestVectors.MAPPER.writeValueAsBytes(payload));

        assertThat(VcJwt.verify(forged, KeyResolver.didKey()).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void tamperedSignatureIsRejected() {
        String jwt = VcJwt.sign(DataIntegrityProofsTest.credentialIssuedBy(did), key, kid);
        byte[] signature = Base64.getUrlDecoder().decode(jwt.substring(jwt.lastIndexOf('.') + 1));
        signature[10] ^= 0x01;

        String forged = jwt.substring(0, jwt.lastIndexOf('.') + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

        assertThat(VcJwt.verify(forged, KeyResolver.didKey()).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(VcJwt.verify(jwt + "=", KeyResolver.didKey()).verified()).isFalse();
        assertThat(VcJwt.verify(jwt.substring(0, jwt.length() - 4), KeyResolver.didKey()).reason())
                .isEqualTo(Reason.MALFORMED_PROOF_VALUE);
    }

    @Test
    void algNoneIsRejectedEvenWithoutASignature() {
        String jwt = VcJwt.sign(DataIntegrityProofsTest.credentialIssuedBy(did), key, kid);
        String noneHeader = "{\"alg\":\"none\",\"typ\":\"vc+jwt\",\"kid\":\"" + kid + "\"}";

        String unsigned = replacePart(jwt, 0, noneHeader.getBytes(StandardCharsets.UTF_8));
        String unsignedEmpty = unsigned.substring(0, unsigned.lastIndexOf('.') + 1);

        assertThat(VcJwt.verify(unsigned, KeyResolver.didKey()).reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        assertThat(VcJwt.verify(unsignedEmpty, KeyResolver.didKey()).reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void otherAlgorithmsAreRejected() {
        String jwt = VcJwt.sign(DataIntegrityProofsTest.credentialIssuedBy(did), key, kid);
        for (String alg : new String[] {"HS256", "RS256", "ES256", "eddsa", "Ed25519"}) {
            String header = "{\"alg\":\"" + alg + "\",\"typ\":\"vc+jwt\",\"kid\":\"" + kid + "\"}";
            String forged = replacePart(jwt, 0, header.getBytes(StandardCharsets.UTF_8));
            assertThat(VcJwt.verify(forged, KeyResolver.didKey()).reason()).as(alg).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        }
        String missing = replacePart(jwt, 0, ("{\"typ\":\"vc+jwt\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(VcJwt.verify(missing, KeyResolver.didKey()).reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void kidOfAnotherKeyOrIssuerIsRejected() {
        Ed25519KeyPair other = Ed25519KeyPair.generate();
        ObjectNode credential = DataIntegrityProofsTest.credentialIssuedBy(did);

        String wrongKid = VcJwt.sign(credential, key, DidKey.verificationMethodId(other.publicKey()));
        String notTheIssuer = VcJwt.sign(credential, other, DidKey.verificationMethodId(other.publicKey()));
        String unknownKid = VcJwt.sign(credential, key, "did:web:nowhere.example#key-1");

        assertThat(VcJwt.verify(wrongKid, KeyResolver.didKey()).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(VcJwt.verify(notTheIssuer, KeyResolver.didKey()).reason()).isEqualTo(Reason.KEY_MISMATCH);
        assertThat(VcJwt.verify(unknownKid, KeyResolver.didKey()).reason()).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void malformedTokensAreRejectedWithReasons() {
        assertThat(VcJwt.verify("", KeyResolver.didKey()).reason()).isEqualTo(Reason.MISSING_PROOF);
        assertThat(VcJwt.verify("abc.def", KeyResolver.didKey()).reason()).isEqualTo(Reason.MALFORMED_PROOF);
        assertThat(VcJwt.verify("a.b.c.d", KeyResolver.didKey()).reason()).isEqualTo(Reason.MALFORMED_PROOF);
        assertThat(VcJwt.verify("!!!.b.c", KeyResolver.didKey()).reason()).isEqualTo(Reason.MALFORMED_PROOF);
        String jwt = VcJwt.sign(DataIntegrityProofsTest.credentialIssuedBy(did), key, kid);
        String duplicateAlg = replacePart(jwt, 0,
                ("{\"alg\":\"EdDSA\",\"alg\":\"none\",\"typ\":\"vc+jwt\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(VcJwt.verify(duplicateAlg, KeyResolver.didKey()).reason()).isEqualTo(Reason.MALFORMED_PROOF);
        String wrongTyp = replacePart(jwt, 0,
                ("{\"alg\":\"EdDSA\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(VcJwt.verify(wrongTyp, KeyResolver.didKey()).reason()).isEqualTo(Reason.MALFORMED_PROOF);
    }

    private static String part(String jwt, int index) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8);
    }

    private static String replacePart(String jwt, int index, byte[] json) {
        String[] parts = jwt.split("\\.", -1);
        parts[index] = Base64.getUrlEncoder().withoutPadding().encodeToString(json);
        return String.join(".", parts);
    }
}
