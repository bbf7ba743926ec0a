package ca.microcred.verification.verify.service;

import ca.microcred.credentials.keys.VerificationKey;
import ca.microcred.credentials.proof.DataIntegrityProofs;
import ca.microcred.credentials.proof.VcJwt;
import ca.microcred.credentials.proof.VerificationResult;
import ca.microcred.verification.keys.KeyResolutionException;
import ca.microcred.verification.keys.KeyResolver;
import ca.microcred.verification.keys.ResolvedKey;
import ca.microcred.verification.verify.Check;
import ca.microcred.verification.verify.CheckResult;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * The proof and issuer-key checks: which key made the proof, whether it belongs to the credential's issuer, and
 * whether the signature covers the credential exactly as presented.
 */
@ApplicationScoped
public class ProofChecks {

    /** Far above any signature; bounds the work spent decoding a hostile proofValue. */
    private static final int MAX_PROOF_VALUE = 256;
    private static final String UNREADABLE = "No key to resolve: the proof cannot be read";

    private final KeyResolver keys;

    public ProofChecks(KeyResolver keys) {
        this.keys = keys;
    }

    /** @return the proof check followed by the issuer-key check */
    public List<CheckResult> check(Presented presented) {
        String issuer = DocumentChecks.issuerId(presented.credential()).orElse(null);
        return presented.jwt() != null ? checkJwt(presented, issuer) : checkDataIntegrity(presented, issuer);
    }

    /**
     * The library verifies the VC-JWT (EdDSA only, never {@code none}; {@code typ} vc+jwt; signature over the
     * exact bytes received), with the key this service resolved, offered for the credential's issuer as for Data
     * Integrity proofs.
     */
    private List<CheckResult> checkJwt(Presented presented, String issuer) {
        VcJwt.Decoded token = presented.jwt();
        Resolution resolution = new Resolution(issuer);
        VerificationResult result = VcJwt.verify(token, resolution::offer);
        String method = resolution.method != null ? resolution.method : absolute(token.kid(), issuer);
        if (result.verified() || result.reason() == VerificationResult.Reason.PROOF_EXPIRED) {
            // an expired token still carries a valid signature; the validity check reports the expiry
            return List.of(CheckResult.pass(Check.PROOF, "Valid VC-JWT EdDSA signature by " + method
                            + ": the credential is exactly as signed"),
                    issuerKey(presented, issuer, method, resolution.key));
        }
        return failed(result, resolution, method, describeJwt(result, token, method));
    }

    /**
     * The library checks the proof; the key it is given is the one this service resolved, offered for the
     * credential's issuer, because whether the key really belongs to that issuer is a check of its own here
     * (reported apart, so a valid signature by someone else's key reads as exactly that).
     */
    private List<CheckResult> checkDataIntegrity(Presented presented, String issuer) {
        JsonNode proofValue = presented.credential().path("proof").path("proofValue");
        if (proofValue.isTextual() && proofValue.asText().length() > MAX_PROOF_VALUE) {
            return List.of(CheckResult.fail(Check.PROOF, "Malformed proofValue: too long for a signature"),
                    CheckResult.fail(Check.ISSUER_KEY, UNREADABLE));
        }
        Resolution resolution = new Resolution(issuer);
        VerificationResult result = DataIntegrityProofs.verify(presented.credential(), resolution::offer);
        String method = presented.credential().path("proof").path("verificationMethod").asText(
                result.verificationMethod());
        if (result.verified()) {
            return List.of(CheckResult.pass(Check.PROOF, "Valid eddsa-rdfc-2022 signature by " + method
                            + ": the credential is exactly as signed"),
                    issuerKey(presented, issuer, method, resolution.key));
        }
        return failed(result, resolution, method, describe(result, presented));
    }

    private List<CheckResult> failed(VerificationResult result, Resolution resolution, String method,
                                     String reason) {
        if (result.reason() == VerificationResult.Reason.UNKNOWN_KEY) {
            return List.of(CheckResult.fail(Check.PROOF, "The proof cannot be checked: its key was not resolved"),
                    CheckResult.fail(Check.ISSUER_KEY, resolution.failure != null ? resolution.failure.getMessage()
                            : "No key resolved for " + method));
        }
        CheckResult issuerKey = resolution.key != null
                ? issuerKeyOf(resolution.issuer, method, resolution.key, null)
                : CheckResult.fail(Check.ISSUER_KEY, UNREADABLE);
        return List.of(CheckResult.fail(Check.PROOF, reason), issuerKey);
    }

    /** One proof's key look-up: what this service resolved, or why it could not. */
    private final class Resolution {
        private final String issuer;
        private ResolvedKey key;
        private String method;
        private KeyResolutionException failure;

        Resolution(String issuer) {
            this.issuer = issuer;
        }

        Optional<VerificationKey> offer(String id) {
            method = absolute(id, issuer);
            try {
                ResolvedKey resolved = keys.resolve(method);
                key = resolved;
                return Optional.of(VerificationKey.forAssertion(id, issuer != null ? issuer : resolved.controller(),
                        resolved.publicKey()));
            } catch (KeyResolutionException e) {
                failure = e;
                return Optional.empty();
            }
        }
    }

    /** A relative key id ({@code #key-1}) names a key of the issuer's DID. */
    private static String absolute(String id, String issuer) {
        return id != null && id.startsWith("#") && issuer != null ? issuer + id : id;
    }

    private static String describeJwt(VerificationResult result, VcJwt.Decoded token, String method) {
        switch (result.reason()) {
            case UNSUPPORTED_ALGORITHM:
                return "Unsupported JWT algorithm '" + token.alg() + "': only EdDSA (Ed25519) is accepted";
            case BAD_SIGNATURE:
                return mismatch("VC-JWT EdDSA", method).reason();
            case MALFORMED_PROOF_VALUE:
                return "Malformed VC-JWT signature: " + result.message();
            case MALFORMED_PROOF:
                return "Not an acceptable VC-JWT: " + result.message();
            default:
                return "The proof cannot be accepted: " + result.message();
        }
    }

    private static String describe(VerificationResult result, Presented presented) {
        JsonNode proof = presented.credential().path("proof");
        switch (result.reason()) {
            case MISSING_PROOF:
                return "The credential carries no proof";
            case UNSUPPORTED_PROOF_TYPE:
                return "Unsupported proof type '" + proof.path("type").asText("")
                        + "': only DataIntegrityProof is accepted";
            case UNKNOWN_CRYPTOSUITE:
                return "Unsupported cryptosuite '" + proof.path("cryptosuite").asText("")
                        + "': only eddsa-rdfc-2022 is accepted";
            case MALFORMED_PROOF_VALUE:
                return "Malformed proofValue: " + result.message();
            case WRONG_PROOF_PURPOSE:
                return "The proof's purpose is not assertionMethod";
            case BAD_SIGNATURE:
                return mismatch("eddsa-rdfc-2022", result.verificationMethod()).reason();
            case UNKNOWN_CONTEXT:
            case INVALID_JSON_LD:
                return "The credential cannot be canonicalised: " + result.message();
            default:
                return "The proof cannot be accepted: " + result.message();
        }
    }

    private static CheckResult mismatch(String kind, String method) {
        return CheckResult.fail(Check.PROOF, "The " + kind + " signature does not match: the credential "
                + "was changed after signing, or was not signed with " + method);
    }

    private static CheckResult issuerKey(Presented presented, String issuer, String method, ResolvedKey key) {
        String jwtIssuer = presented.jwt() == null ? null : presented.jwt().payload().path("iss").asText("");
        return issuerKeyOf(issuer, method, key, jwtIssuer);
    }

    private static CheckResult issuerKeyOf(String issuer, String method, ResolvedKey key, String jwtIssuer) {
        if (issuer == null) {
            return CheckResult.fail(Check.ISSUER_KEY, "The credential names no issuer for key " + method
                    + " to belong to");
        }
        if (!issuer.equals(key.controller())) {
            return CheckResult.fail(Check.ISSUER_KEY, "Key " + method + " belongs to " + key.controller()
                    + ", not to the issuer " + issuer);
        }
        if (jwtIssuer != null && !jwtIssuer.isEmpty() && !jwtIssuer.equals(issuer)) {
            return CheckResult.fail(Check.ISSUER_KEY, "The JWT issuer " + jwtIssuer
                    + " is not the credential's issuer " + issuer);
        }
        return CheckResult.pass(Check.ISSUER_KEY, "Key " + method + " resolved (" + key.source()
                + ") and belongs to the issuer " + issuer);
    }
}
