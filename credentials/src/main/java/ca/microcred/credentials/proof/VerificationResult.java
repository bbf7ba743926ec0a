package ca.microcred.credentials.proof;

import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Outcome of verifying a secured credential. When {@link #verified()} is false, {@link #reason()} says why
 * in a form a caller can map to a response, and {@link #message()} explains it to a person.
 */
public final class VerificationResult {

    /** Why a proof did not verify. */
    public enum Reason {
        /** The document carries no proof (or the token is not a JWS). */
        MISSING_PROOF,
        /** The proof is not a DataIntegrityProof. */
        UNSUPPORTED_PROOF_TYPE,
        /** The DataIntegrityProof uses a cryptosuite other than eddsa-rdfc-2022. */
        UNKNOWN_CRYPTOSUITE,
        /** The JWS header names an algorithm other than EdDSA (including "none"). */
        UNSUPPORTED_ALGORITHM,
        /** A required proof or header field is missing or malformed. */
        MALFORMED_PROOF,
        /** The proofValue (or JWS signature) is not a well-formed Ed25519 signature encoding. */
        MALFORMED_PROOF_VALUE,
        /** The proof was made for another purpose than issuing credentials. */
        WRONG_PROOF_PURPOSE,
        /** The proof's own {@code expires} time has passed. */
        PROOF_EXPIRED,
        /** The verification method could not be resolved to a trusted key. */
        UNKNOWN_KEY,
        /** The key does not belong to the credential's issuer or is not authorised for the proof purpose. */
        KEY_MISMATCH,
        /** The document names a JSON-LD context that is not bundled. */
        UNKNOWN_CONTEXT,
        /** The document is not valid JSON-LD (or defines terms that would not be signed). */
        INVALID_JSON_LD,
        /** The signature does not match the document: it was changed or signed by another key. */
        BAD_SIGNATURE
    }

    private final boolean verified;
    private final Reason reason;
    private final String message;
    private final String verificationMethod;
    private final String controller;
    private final ObjectNode credential;

    private VerificationResult(boolean verified, Reason reason, String message, String verificationMethod,
            String controller, ObjectNode credential) {
        this.verified = verified;
        this.reason = reason;
        this.message = message;
        this.verificationMethod = verificationMethod;
        this.controller = controller;
        this.credential = credential;
    }

    static VerificationResult success(String verificationMethod, String controller, ObjectNode credential) {
        return new VerificationResult(true, null, "verified", verificationMethod, controller, credential);
    }

    static VerificationResult failure(Reason reason, String message) {
        return failure(reason, message, null, null);
    }

    static VerificationResult failure(Reason reason, String message, String verificationMethod, ObjectNode credential) {
        return new VerificationResult(false, Objects.requireNonNull(reason), message, verificationMethod, null,
                credential);
    }

    VerificationResult withCredential(ObjectNode credential) {
        return new VerificationResult(verified, reason, message, verificationMethod, controller, credential);
    }

    public boolean verified() {
        return verified;
    }

    /** Why verification failed; {@code null} when verified. */
    public Reason reason() {
        return reason;
    }

    public String message() {
        return message;
    }

    /** The verification method the proof names, when it could be read. */
    public String verificationMethod() {
        return verificationMethod;
    }

    /** The controller (issuer DID or URL) of the key that verified; {@code null} unless verified. */
    public String controller() {
        return controller;
    }

    /**
     * The credential the proof covers, when it could be decoded: for VC-JWT the token's payload; for Data
     * Integrity the document that was verified.
     */
    public ObjectNode credential() {
        return credential;
    }

    @Override
    public String toString() {
        return verified ? "verified by " + verificationMethod : "not verified: " + reason + " (" + message + ")";
    }
}
