package ca.microcred.credentials.proof;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.keys.Ed25519KeyPair;
import ca.microcred.credentials.keys.KeyResolver;
import ca.microcred.credentials.keys.VerificationKey;
import ca.microcred.credentials.proof.VerificationResult.Reason;

/**
 * Credentials secured as a compact JWS (W3C VC-JOSE-COSE): the payload is the credential itself (no
 * {@code vc} wrapper), the header is {@code {"alg":"EdDSA","typ":"vc+jwt","cty":"vc","kid":<verification
 * method>}}. Thread-safe.
 */
public final class VcJwt {

    public static final String ALGORITHM = "EdDSA";
    public static final String TYPE = "vc+jwt";
    public static final String CONTENT_TYPE = "vc";

    // a repeated member could make two parsers read different headers; refuse it
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private VcJwt() {
    }

    /** The credential as a compact JWS signed with the key of {@code verificationMethodId}. */
    public static String sign(ObjectNode credential, Ed25519KeyPair key, String verificationMethodId) {
        Objects.requireNonNull(verificationMethodId, "verificationMethodId");
        ObjectNode header = MAPPER.createObjectNode();
        header.put("alg", ALGORITHM);
        header.put("typ", TYPE);
        header.put("cty", CONTENT_TYPE);
        header.put("kid", verificationMethodId);
        try {
            String signingInput = ENCODER.encodeToString(MAPPER.writeValueAsBytes(header)) + '.'
                    + ENCODER.encodeToString(MAPPER.writeValueAsBytes(credential));
            byte[] signature = key.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + '.' + ENCODER.encodeToString(signature);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("credential cannot be written as JSON", e);
        }
    }

    /**
     * Verifies a VC-JWT: EdDSA only (never {@code none}), {@code kid} resolvable to a key controlled by the
     * credential's issuer and authorised for {@code assertionMethod}, signature over the exact bytes
     * received. The decoded credential is in {@link VerificationResult#credential()}.
     */
    public static VerificationResult verify(String compactJws, KeyResolver resolver) {
        return verify(compactJws, resolver, Clock.systemUTC());
    }

    static VerificationResult verify(String compactJws, KeyResolver resolver, Clock clock) {
        if (compactJws == null || compactJws.isBlank()) {
            return VerificationResult.failure(Reason.MISSING_PROOF, "no token");
        }
        Decoded decoded;
        try {
            decoded = decode(compactJws);
        } catch (IllegalArgumentException e) {
            return VerificationResult.failure(Reason.MALFORMED_PROOF, e.getMessage());
        }
        return verify(decoded, resolver, clock);
    }

    /**
     * Verifies a token already {@linkplain #decode(String) decoded} (so a caller that reads the credential
     * first does not parse it twice). Same rules as {@link #verify(String, KeyResolver)}.
     */
    public static VerificationResult verify(Decoded token, KeyResolver resolver) {
        return verify(token, resolver, Clock.systemUTC());
    }

    /**
     * Splits a compact JWS and reads its header and payload as JSON objects, checking nothing else: what a
     * verifier needs to say which credential it was shown, even when the proof later fails.
     *
     * @throws IllegalArgumentException when the text is not three base64url parts with a JSON object header
     *                                  and payload
     */
    public static Decoded decode(String compactJws) {
        String token = compactJws == null ? "" : compactJws.trim();
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw new IllegalArgumentException("not a compact JWS (three dot-separated parts)");
        }
        ObjectNode header = object(token.substring(0, first), "header");
        ObjectNode payload = object(token.substring(first + 1, second), "payload");
        return new Decoded(token, header, payload, second);
    }

    /**
     * A compact JWS read but not verified.
     *
     * @param token   the compact serialisation, trimmed
     * @param header  the protected header
     * @param payload the payload; for a VC-JWT, the credential itself
     * @param signatureStart index of the dot before the signature: the signing input is what precedes it
     */
    public record Decoded(String token, ObjectNode header, ObjectNode payload, int signatureStart) {

        /** The {@code alg} header, or empty. */
        public String alg() {
            return header.path("alg").isTextual() ? header.path("alg").asText() : "";
        }

        /** The {@code kid} header, or empty. */
        public String kid() {
            return header.path("kid").isTextual() ? header.path("kid").asText() : "";
        }
    }

    private static ObjectNode object(String part, String what) {
        JsonNode node;
        try {
            node = MAPPER.readTree(base64Url(part));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("JWS " + what + " is not base64url JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("JWS " + what + " is not a JSON object");
        }
        return (ObjectNode) node;
    }

    static VerificationResult verify(Decoded decoded, KeyResolver resolver, Clock clock) {
        String token = decoded.token();
        ObjectNode header = decoded.header();
        int second = decoded.signatureStart();
        String alg = header.path("alg").isTextual() ? header.path("alg").asText() : null;
        if (!ALGORITHM.equals(alg)) {
            return VerificationResult.failure(Reason.UNSUPPORTED_ALGORITHM,
                    "alg must be EdDSA, was " + (alg == null ? "absent" : alg));
        }
        String kid = header.path("kid").isTextual() ? header.path("kid").asText() : null;
        String typ = header.path("typ").asText(null);
        if (!TYPE.equals(typ) && !("application/" + TYPE).equals(typ)) {
            return VerificationResult.failure(Reason.MALFORMED_PROOF, "typ must be vc+jwt, was " + typ, kid, null);
        }
        if (header.has("crit")) {
            return VerificationResult.failure(Reason.MALFORMED_PROOF, "critical header extensions are not supported",
                    kid, null);
        }
        if (kid == null || kid.isBlank()) {
            return VerificationResult.failure(Reason.MALFORMED_PROOF, "the header has no kid");
        }
        byte[] signature;
        try {
            signature = base64Url(token.substring(second + 1));
        } catch (IllegalArgumentException e) {
            return VerificationResult.failure(Reason.MALFORMED_PROOF_VALUE, "signature is not base64url", kid, null);
        }
        if (signature.length != 64) {
            return VerificationResult.failure(Reason.MALFORMED_PROOF_VALUE,
                    "signature has " + signature.length + " bytes, an Ed25519 signature has 64", kid, null);
        }
        ObjectNode credential = decoded.payload();

        VerificationKey key;
        try {
            key = resolver.resolve(kid).orElse(null);
        } catch (RuntimeException e) {
            return VerificationResult.failure(Reason.UNKNOWN_KEY, "resolving " + kid + " failed: " + e.getMessage(),
                    kid, credential);
        }
        if (key == null) {
            return VerificationResult.failure(Reason.UNKNOWN_KEY, "no trusted key for " + kid, kid, credential);
        }
        byte[] signingInput = token.substring(0, second).getBytes(StandardCharsets.US_ASCII);
        if (!key.publicKey().verify(signingInput, signature)) {
            return VerificationResult.failure(Reason.BAD_SIGNATURE, "the signature does not match header and payload",
                    kid, credential);
        }
        if (credential.has("vc") || credential.has("vp")) {
            return VerificationResult.failure(Reason.MALFORMED_PROOF,
                    "the payload must be the credential itself, not a vc/vp claim", kid, credential);
        }
        String issuer = ProofSupport.issuerId(credential);
        if (issuer == null || !issuer.equals(key.controller())) {
            return VerificationResult.failure(Reason.KEY_MISMATCH,
                    "key " + kid + " is controlled by " + key.controller() + ", not by the issuer " + issuer, kid,
                    credential);
        }
        if (!key.authorisedFor(DataIntegrityProofs.ASSERTION_METHOD)) {
            return VerificationResult.failure(Reason.KEY_MISMATCH, "key " + kid + " is not authorised for assertionMethod",
                    kid, credential);
        }
        JsonNode exp = credential.get("exp");
        if (exp != null && exp.isNumber() && exp.asLong() < clock.instant().getEpochSecond()) {
            return VerificationResult.failure(Reason.PROOF_EXPIRED, "the token expired (exp)", kid, credential);
        }
        return VerificationResult.success(kid, key.controller(), credential);
    }

    private static byte[] base64Url(String part) {
        // RFC 7515: base64url without padding; padding or other alphabets make a second, forged-looking form
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!ok) {
                throw new IllegalArgumentException("invalid base64url character");
            }
        }
        return DECODER.decode(part);
    }
}
