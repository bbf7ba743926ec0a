package ca.microcred.verification.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A compact VC-JWT: the credential as JWS payload (VC JOSE-COSE), or in the {@code vc} claim of a VC Data Model
 * 1.1 JWT. Parsing checks the form only; {@link #verify} checks the EdDSA signature.
 *
 * @param header       the protected header
 * @param claims       the payload
 * @param credential   the credential it carries
 * @param signingInput the bytes the signature covers
 * @param signature    the decoded signature
 */
public record VcJwt(ObjectNode header, ObjectNode claims, ObjectNode credential, byte[] signingInput,
                    byte[] signature) {

    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    /** True when the text has the shape of a compact JWS (three base64url parts). */
    public static boolean looksLikeJwt(String text) {
        return text.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    }

    /**
     * @throws IllegalArgumentException when the text is not a JWT carrying a credential at all
     */
    public static VcJwt parse(String compact, ObjectMapper json) {
        String text = compact.trim();
        if (!looksLikeJwt(text)) {
            throw new IllegalArgumentException("not a compact JWT: expected three base64url parts");
        }
        String[] parts = text.split("\\.", -1);
        ObjectNode header = object(parts[0], "header", json);
        ObjectNode claims = object(parts[1], "payload", json);
        JsonNode vc = claims.get("vc");
        ObjectNode credential = vc != null && vc.isObject() ? (ObjectNode) vc : claims;
        byte[] signature;
        try {
            signature = B64URL.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            signature = new byte[0];
        }
        byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        return new VcJwt(header, claims, credential, input, signature);
    }

    public String alg() {
        return header.path("alg").asText("");
    }

    public String kid() {
        return header.path("kid").asText("");
    }

    /**
     * Checks the algorithm and the signature.
     *
     * @throws ProofException when the algorithm is not EdDSA (including {@code none})
     */
    public boolean verify(byte[] publicKey) throws ProofException {
        String alg = alg();
        if (!"EdDSA".equals(alg) && !"Ed25519".equals(alg)) {
            throw new ProofException("Unsupported JWT algorithm '" + alg + "': only EdDSA (Ed25519) is accepted");
        }
        return Signatures.verify(publicKey, signingInput, signature);
    }

    private static ObjectNode object(String part, String what, ObjectMapper json) {
        JsonNode node;
        try {
            node = json.readTree(B64URL.decode(part));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWT " + what + " is not base64url-encoded JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the JWT " + what + " is not a JSON object");
        }
        return (ObjectNode) node;
    }
}
