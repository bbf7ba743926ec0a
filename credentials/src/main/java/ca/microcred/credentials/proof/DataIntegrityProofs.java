package ca.microcred.credentials.proof;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.jsonld.DirectCanonicalizer;
import ca.microcred.credentials.jsonld.JsonInterop;
import ca.microcred.credentials.jsonld.JsonLdCanonicalizer;
import ca.microcred.credentials.jsonld.JsonLdException;
import ca.microcred.credentials.jsonld.UnknownContextException;
import ca.microcred.credentials.keys.Ed25519KeyPair;
import ca.microcred.credentials.keys.KeyResolver;
import ca.microcred.credentials.keys.Multibase;
import ca.microcred.credentials.keys.VerificationKey;
import ca.microcred.credentials.proof.VerificationResult.Reason;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * W3C Data Integrity proofs with the {@code eddsa-rdfc-2022} cryptosuite (vc-di-eddsa): the signature
 * covers SHA-256(RDFC-1.0(proof configuration)) || SHA-256(RDFC-1.0(document)), and is written as a
 * base58btc multibase {@code proofValue}.
 *
 * <p>
 * All methods are thread-safe and keep no per-call state beyond the shared canonicaliser, so issuers and
 * verifiers call them from as many threads as they like. Proof configurations repeat within a batch (same
 * key, same second), so their hashes are remembered.
 */
public final class DataIntegrityProofs {

    public static final String TYPE = "DataIntegrityProof";
    public static final String CRYPTOSUITE = "eddsa-rdfc-2022";
    public static final String ASSERTION_METHOD = "assertionMethod";

    private static final int MAX_CACHED_PROOF_CONFIGS = 4096;
    private static final ConcurrentMap<JsonObject, byte[]> PROOF_CONFIG_HASHES = new ConcurrentHashMap<>();

    private DataIntegrityProofs() {
    }

    /**
     * Adds an {@code eddsa-rdfc-2022} proof for {@code assertionMethod}. The input is not changed; the
     * returned copy carries the proof (appended to a proof set if the input already had proofs).
     *
     * @param unsecured            the credential (JSON-LD, all contexts bundled)
     * @param key                  the issuer's signing key
     * @param verificationMethodId the id of the key's verification method, e.g. {@code did:web:...#key-1}
     * @param created              the proof's creation time (kept to whole seconds)
     * @throws UnknownContextException if the credential names a context that is not bundled
     * @throws JsonLdException         if the credential is not valid JSON-LD
     */
    public static ObjectNode sign(ObjectNode unsecured, Ed25519KeyPair key, String verificationMethodId,
            Instant created) {
        ObjectNode secured = unsecured.deepCopy();
        JsonNode existing = secured.remove("proof");
        JsonNode context = secured.get("@context");
        ObjectNode proof = proof(context == null ? null : JsonInterop.toJakarta(context),
                () -> DirectCanonicalizer.shared().canonicalize(secured), key, verificationMethodId, created);
        if (existing == null) {
            secured.set("proof", proof);
        } else {
            ArrayNode proofs = JsonNodeFactory.instance.arrayNode();
            if (existing.isArray()) {
                proofs.addAll((ArrayNode) existing);
            } else {
                proofs.add(existing);
            }
            proofs.add(proof);
            secured.set("proof", proofs);
        }
        return secured;
    }

    /** {@link #sign(ObjectNode, Ed25519KeyPair, String, Instant)} for Jakarta JSON documents. */
    public static JsonObject sign(JsonObject unsecured, Ed25519KeyPair key, String verificationMethodId,
            Instant created) {
        return JsonInterop.toJakarta(sign(JsonInterop.toJackson(unsecured), key, verificationMethodId, created));
    }

    /**
     * Creates the proof object for a document that has no proof yet, without attaching it. Issuers that
     * assemble the final document themselves use this.
     */
    public static ObjectNode proof(JsonObject unsecured, Ed25519KeyPair key, String verificationMethodId,
            Instant created) {
        return proof(unsecured.get("@context"), () -> DirectCanonicalizer.shared().canonicalize(unsecured), key,
                verificationMethodId, created);
    }

    /**
     * Signing canonicalises the document with {@link DirectCanonicalizer}, which gives exactly the general
     * pipeline's N-Quads for an issuer's credentials at a fraction of the cost (and hands anything else to it).
     * Verification stays on {@link JsonLdCanonicalizer}: it reads arbitrary documents, and there the general
     * pipeline alone decides what a signature covers.
     */
    private static ObjectNode proof(JsonValue context, Supplier<String> canonicalDocument, Ed25519KeyPair key,
            String verificationMethodId, Instant created) {
        Objects.requireNonNull(verificationMethodId, "verificationMethodId");
        String createdText = DateTimeFormatter.ISO_INSTANT.format(created.truncatedTo(ChronoUnit.SECONDS));
        JsonObjectBuilder options = JsonInterop.provider().createObjectBuilder()
                .add("type", TYPE)
                .add("cryptosuite", CRYPTOSUITE)
                .add("created", createdText)
                .add("verificationMethod", verificationMethodId)
                .add("proofPurpose", ASSERTION_METHOD);
        if (context != null) {
            options.add("@context", context);
        }
        byte[] signature = key.sign(hashData(options.build(), canonicalDocument));

        ObjectNode proof = JsonNodeFactory.instance.objectNode();
        proof.put("type", TYPE);
        proof.put("cryptosuite", CRYPTOSUITE);
        proof.put("created", createdText);
        proof.put("verificationMethod", verificationMethodId);
        proof.put("proofPurpose", ASSERTION_METHOD);
        proof.put("proofValue", Multibase.encodeBase58Btc(signature));
        return proof;
    }

    /**
     * Verifies every Data Integrity proof on the document (a proof set must verify as a whole). The key
     * must be resolvable, controlled by the credential's issuer and authorised for {@code assertionMethod}.
     */
    public static VerificationResult verify(ObjectNode secured, KeyResolver resolver) {
        return verify(JsonInterop.toJakarta(secured), resolver, Clock.systemUTC()).withCredential(secured);
    }

    /** {@link #verify(ObjectNode, KeyResolver)} for Jakarta JSON documents. */
    public static VerificationResult verify(JsonObject secured, KeyResolver resolver) {
        VerificationResult result = verify(secured, resolver, Clock.systemUTC());
        return result.withCredential(JsonInterop.toJackson(secured));
    }

    static VerificationResult verify(JsonObject secured, KeyResolver resolver, Clock clock) {
        JsonValue proofValue = secured.get("proof");
        if (proofValue == null) {
            return VerificationResult.failure(Reason.MISSING_PROOF, "the document has no proof");
        }
        List<JsonValue> proofs = new ArrayList<>();
        if (proofValue.getValueType() == JsonValue.ValueType.ARRAY) {
            proofs.addAll((JsonArray) proofValue);
        } else {
            proofs.add(proofValue);
        }
        if (proofs.isEmpty()) {
            return VerificationResult.failure(Reason.MISSING_PROOF, "the document's proof set is empty");
        }
        JsonObject unsecured = without(secured, "proof");
        VerificationResult result = null;
        for (JsonValue proof : proofs) {
            if (proof.getValueType() != JsonValue.ValueType.OBJECT) {
                return VerificationResult.failure(Reason.MALFORMED_PROOF, "a proof must be a JSON object");
            }
            result = verifyOne(unsecured, proof.asJsonObject(), resolver, clock);
            if (!result.verified()) {
                return result;
            }
        }
        return result;
    }

    private static VerificationResult verifyOne(JsonObject unsecured, JsonObject proof, KeyResolver resolver,
            Clock clock) {
        String method = ProofSupport.string(proof, "verificationMethod");
        if (!TYPE.equals(ProofSupport.string(proof, "type"))) {
            return VerificationResult.failure(Reason.UNSUPPORTED_PROOF_TYPE,
                    "proof type must be " + TYPE + ", was " + proof.get("type"), method, null);
        }
        if (!CRYPTOSUITE.equals(ProofSupport.string(proof, "cryptosuite"))) {
            return VerificationResult.failure(Reason.UNKNOWN_CRYPTOSUITE,
                    "cryptosuite must be " + CRYPTOSUITE + ", was " + proof.get("cryptosuite"), method, null);
        }
        if (method == null || method.isBlank()) {
            return VerificationResult.failure(Reason.MALFORMED_PROOF, "the proof names no verificationMethod");
        }
        String purpose = ProofSupport.string(proof, "proofPurpose");
        if (!ASSERTION_METHOD.equals(purpose)) {
            return VerificationResult.failure(Reason.WRONG_PROOF_PURPOSE,
                    "proofPurpose must be assertionMethod, was " + purpose, method, null);
        }
        VerificationResult timing = checkTimes(proof, method, clock);
        if (timing != null) {
            return timing;
        }
        byte[] signature;
        try {
            String value = ProofSupport.string(proof, "proofValue");
            if (value == null) {
                return VerificationResult.failure(Reason.MALFORMED_PROOF_VALUE, "the proof has no proofValue",
                        method, null);
            }
            signature = Multibase.decodeBase58Btc(value);
        } catch (IllegalArgumentException e) {
            return VerificationResult.failure(Reason.MALFORMED_PROOF_VALUE, "proofValue: " + e.getMessage(), method,
                    null);
        }
        if (signature.length != 64) {
            return VerificationResult.failure(Reason.MALFORMED_PROOF_VALUE,
                    "proofValue decodes to " + signature.length + " bytes, an Ed25519 signature has 64", method, null);
        }

        JsonObject options = without(proof, "proofValue");
        JsonValue documentContext = unsecured.get("@context");
        JsonValue proofContext = options.get("@context");
        if (proofContext != null && !contextStartsWith(documentContext, proofContext)) {
            return VerificationResult.failure(Reason.MALFORMED_PROOF,
                    "the proof's @context does not match the start of the document's @context", method, null);
        }
        JsonObject config = documentContext == null ? without(options, "@context")
                : JsonInterop.provider().createObjectBuilder(options).add("@context", documentContext).build();

        VerificationKey key;
        try {
            key = resolver.resolve(method).orElse(null);
        } catch (RuntimeException e) {
            return VerificationResult.failure(Reason.UNKNOWN_KEY,
                    "resolving " + method + " failed: " + e.getMessage(), method, null);
        }
        if (key == null) {
            return VerificationResult.failure(Reason.UNKNOWN_KEY, "no trusted key for " + method, method, null);
        }
        String issuer = ProofSupport.issuerId(unsecured);
        if (issuer != null && !issuer.equals(key.controller())) {
            return VerificationResult.failure(Reason.KEY_MISMATCH,
                    "key " + method + " is controlled by " + key.controller() + ", not by the issuer " + issuer, method,
                    null);
        }
        if (!key.authorisedFor(purpose)) {
            return VerificationResult.failure(Reason.KEY_MISMATCH,
                    "key " + method + " is not authorised for " + purpose, method, null);
        }

        byte[] hashData;
        try {
            hashData = hashData(config, () -> JsonLdCanonicalizer.shared().canonicalize(unsecured));
        } catch (UnknownContextException e) {
            return VerificationResult.failure(Reason.UNKNOWN_CONTEXT, e.getMessage(), method, null);
        } catch (JsonLdException e) {
            return VerificationResult.failure(Reason.INVALID_JSON_LD, e.getMessage(), method, null);
        }
        if (!key.publicKey().verify(hashData, signature)) {
            return VerificationResult.failure(Reason.BAD_SIGNATURE,
                    "the signature does not match the document and proof options", method, null);
        }
        return VerificationResult.success(method, key.controller(), null);
    }

    private static VerificationResult checkTimes(JsonObject proof, String method, Clock clock) {
        JsonValue created = proof.get("created");
        if (created != null && !isDateTime(created)) {
            return VerificationResult.failure(Reason.MALFORMED_PROOF, "created is not an XML Schema dateTime",
                    method, null);
        }
        JsonValue expires = proof.get("expires");
        if (expires != null) {
            if (!isDateTime(expires)) {
                return VerificationResult.failure(Reason.MALFORMED_PROOF, "expires is not an XML Schema dateTime",
                        method, null);
            }
            try {
                Instant expiry = OffsetDateTime.parse(ProofSupport.string(proof, "expires")).toInstant();
                if (expiry.isBefore(clock.instant())) {
                    return VerificationResult.failure(Reason.PROOF_EXPIRED, "the proof expired at " + expiry, method,
                            null);
                }
            } catch (DateTimeParseException e) {
                return VerificationResult.failure(Reason.MALFORMED_PROOF, "expires has no usable time zone", method,
                        null);
            }
        }
        return null;
    }

    private static boolean isDateTime(JsonValue value) {
        return value.getValueType() == JsonValue.ValueType.STRING
                && ProofSupport.DATE_TIME.matcher(((jakarta.json.JsonString) value).getString()).matches();
    }

    /** SHA-256(canonical proof configuration) || SHA-256(canonical document). */
    private static byte[] hashData(JsonObject proofConfig, Supplier<String> canonicalDocument) {
        byte[] configHash = PROOF_CONFIG_HASHES.get(proofConfig);
        if (configHash == null) {
            configHash = hash(JsonLdCanonicalizer.shared().canonicalize(proofConfig));
            if (PROOF_CONFIG_HASHES.size() >= MAX_CACHED_PROOF_CONFIGS) {
                PROOF_CONFIG_HASHES.clear();
            }
            PROOF_CONFIG_HASHES.put(proofConfig, configHash);
        }
        byte[] documentHash = hash(canonicalDocument.get());
        byte[] hashData = new byte[64];
        System.arraycopy(configHash, 0, hashData, 0, 32);
        System.arraycopy(documentHash, 0, hashData, 32, 32);
        return hashData;
    }

    private static byte[] hash(String canonical) {
        MessageDigest digest = ProofSupport.sha256();
        return digest.digest(canonical.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean contextStartsWith(JsonValue documentContext, JsonValue proofContext) {
        List<JsonValue> document = asList(documentContext);
        List<JsonValue> proof = asList(proofContext);
        return document.size() >= proof.size() && document.subList(0, proof.size()).equals(proof);
    }

    private static List<JsonValue> asList(JsonValue value) {
        if (value == null) {
            return List.of();
        }
        return value.getValueType() == JsonValue.ValueType.ARRAY ? (JsonArray) value : List.of(value);
    }

    private static JsonObject without(JsonObject object, String key) {
        JsonObjectBuilder builder = JsonInterop.provider().createObjectBuilder();
        object.forEach((k, v) -> {
            if (!k.equals(key)) {
                builder.add(k, v);
            }
        });
        return builder.build();
    }
}
