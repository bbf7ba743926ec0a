package ca.microcred.verification.proof;

import ca.microcred.credentials.jsonld.JsonLdCanonicalizer;
import ca.microcred.credentials.jsonld.JsonLdException;
import ca.microcred.credentials.keys.Multibase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A W3C Data Integrity proof with the {@code eddsa-rdfc-2022} cryptosuite, as embedded in a credential.
 *
 * @param verificationMethod the DID URL (or URL) of the key that made the proof
 * @param signature          the decoded 64-byte signature
 * @param proof              the proof object as it appears in the credential
 */
public record DataIntegrityProof(String verificationMethod, byte[] signature, ObjectNode proof) {

    public static final String TYPE = "DataIntegrityProof";
    public static final String CRYPTOSUITE = "eddsa-rdfc-2022";
    /** Far above any signature; bounds the work spent decoding a hostile value. */
    private static final int MAX_PROOF_VALUE = 256;

    /**
     * Reads the credential's single proof.
     *
     * @throws ProofException when there is no proof, several, or one this service cannot check
     */
    public static DataIntegrityProof of(ObjectNode credential) throws ProofException {
        JsonNode node = credential.get("proof");
        if (node == null || node.isNull()) {
            throw new ProofException("The credential carries no proof");
        }
        if (node.isArray()) {
            if (node.size() != 1) {
                throw new ProofException("The credential carries " + node.size()
                        + " proofs; exactly one eddsa-rdfc-2022 proof is supported");
            }
            node = node.get(0);
        }
        if (!node.isObject()) {
            throw new ProofException("The proof is not an object");
        }
        ObjectNode proof = (ObjectNode) node;
        String type = proof.path("type").asText("");
        if (!TYPE.equals(type)) {
            throw new ProofException("Unsupported proof type '" + type + "': only DataIntegrityProof is accepted");
        }
        String cryptosuite = proof.path("cryptosuite").asText("");
        if (!CRYPTOSUITE.equals(cryptosuite)) {
            throw new ProofException("Unsupported cryptosuite '" + cryptosuite + "': only eddsa-rdfc-2022 is accepted");
        }
        if (!"assertionMethod".equals(proof.path("proofPurpose").asText(""))) {
            throw new ProofException("The proof's purpose is not assertionMethod");
        }
        String method = proof.path("verificationMethod").asText("");
        if (method.isBlank()) {
            throw new ProofException("The proof names no verificationMethod");
        }
        byte[] signature;
        try {
            String proofValue = proof.path("proofValue").asText("");
            if (proofValue.length() > MAX_PROOF_VALUE) {
                throw new IllegalArgumentException("value too long for a signature");
            }
            signature = Multibase.decodeBase58Btc(proofValue);
        } catch (IllegalArgumentException e) {
            throw new ProofException("Malformed proofValue: " + e.getMessage());
        }
        if (signature.length != 64) {
            throw new ProofException("Malformed proofValue: an Ed25519 signature has 64 bytes, not "
                    + signature.length);
        }
        return new DataIntegrityProof(method, signature, proof);
    }

    /**
     * Checks the signature over the credential (without its proof) and the proof options, as eddsa-rdfc-2022
     * prescribes: SHA-256 of the canonical proof options, then of the canonical document, signed together.
     *
     * @throws ProofException when the document or the proof options cannot be canonicalised
     */
    public boolean verify(ObjectNode credential, byte[] publicKey, JsonLdCanonicalizer canonicalizer)
            throws ProofException {
        ObjectNode document = credential.deepCopy();
        document.remove("proof");
        ObjectNode options = proof.deepCopy();
        options.remove("proofValue");
        if (credential.has("@context")) {
            options.set("@context", credential.get("@context"));
        }
        byte[] hashData = new byte[64];
        try {
            System.arraycopy(sha256(canonicalizer.canonicalize(options)), 0, hashData, 0, 32);
            System.arraycopy(sha256(canonicalizer.canonicalize(document)), 0, hashData, 32, 32);
        } catch (JsonLdException e) {
            throw new ProofException("The credential cannot be canonicalised: " + e.getMessage());
        }
        return Signatures.verify(publicKey, hashData, signature);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
