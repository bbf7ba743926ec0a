package ca.microcred.verification.proof;

import ca.microcred.credentials.did.DidKey;
import ca.microcred.credentials.jsonld.JsonLdCanonicalizer;
import ca.microcred.credentials.keys.KeyResolver;
import ca.microcred.credentials.proof.DataIntegrityProofs;
import ca.microcred.verification.support.TestCredentials;
import ca.microcred.verification.support.TestCredentials.Issuer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataIntegrityProofTest {

    @Test
    void verifiesWhatTheCredentialsLibrarySigns() throws Exception {
        Issuer issuer = Issuer.generate();
        ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(issuer.did()), issuer);
        assertTrue(DataIntegrityProofs.verify(signed, KeyResolver.didKey()).verified());
        DataIntegrityProof proof = DataIntegrityProof.of(signed);
        assertTrue(proof.verify(signed, DidKey.publicKey(issuer.verificationMethod()).bytes(),
                JsonLdCanonicalizer.shared()));

        ((ObjectNode) signed.get("issuer")).put("name", "Collège Exemplaire");
        assertFalse(proof.verify(signed, DidKey.publicKey(issuer.verificationMethod()).bytes(),
                JsonLdCanonicalizer.shared()));
    }
}
