package ca.microcred.verification.proof;

import ca.microcred.credentials.keys.KeyResolver;
import ca.microcred.credentials.proof.DataIntegrityProofs;
import ca.microcred.credentials.proof.VerificationResult;
import ca.microcred.verification.support.TestCredentials;
import ca.microcred.verification.support.TestCredentials.Issuer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataIntegrityProofTest {

    @Test
    void verifiesWhatTheCredentialsLibrarySigns() {
        Issuer issuer = Issuer.generate();
        ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(issuer.did()), issuer);
        assertTrue(DataIntegrityProofs.verify(signed, KeyResolver.didKey()).verified());

        ((ObjectNode) signed.get("issuer")).put("name", "Collège Exemplaire");
        VerificationResult tampered = DataIntegrityProofs.verify(signed, KeyResolver.didKey());
        assertFalse(tampered.verified());
        assertEquals(VerificationResult.Reason.BAD_SIGNATURE, tampered.reason());
    }
}
