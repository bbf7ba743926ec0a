package ca.microcred.verification.verify.service;

import ca.microcred.credentials.keys.Ed25519PublicKey;
import ca.microcred.credentials.keys.VerificationKey;
import ca.microcred.credentials.proof.DataIntegrityProofs;
import ca.microcred.credentials.proof.VerificationResult;
import ca.microcred.verification.keys.KeyResolutionException;
import ca.microcred.verification.keys.KeyResolver;
import ca.microcred.verification.keys.ResolvedKey;
import ca.microcred.verification.proof.ProofException;
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

    private List<CheckResult> checkJwt(Presented presented, String issuer) {
        String method;
        try {
            method = jwtKeyId(presented, issuer);
        } catch (ProofException e) {
            return List.of(CheckResult.fail(Check.PROOF, e.getMessage()), CheckResult.fail(Check.ISSUER_KEY, UNREADABLE));
        }
        ResolvedKey key;
        try {
            key = keys.resolve(method);
        } catch (KeyResolutionException e) {
            return List.of(CheckResult.fail(Check.PROOF, "The proof cannot be checked: its key was not resolved"),
                    CheckResult.fail(Check.ISSUER_KEY, e.getMessage()));
        }
        CheckResult proofResult;
        try {
            proofResult = presented.jwt().verify(key.publicKey())
                    ? CheckResult.pass(Check.PROOF, "Valid VC-JWT EdDSA signature by " + method
                            + ": the credential is exactly as signed")
                    : mismatch("VC-JWT EdDSA", method);
        } catch (ProofException e) {
            proofResult = CheckResult.fail(Check.PROOF, e.getMessage());
        }
        return List.of(proofResult, issuerKey(presented, issuer, method, key));
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
        ResolvedKey[] resolved = new ResolvedKey[1];
        KeyResolutionException[] unresolved = new KeyResolutionException[1];
        VerificationResult result = DataIntegrityProofs.verify(presented.credential(), id -> {
            try {
                ResolvedKey key = keys.resolve(id);
                resolved[0] = key;
                return Optional.of(VerificationKey.forAssertion(id, issuer != null ? issuer : key.controller(),
                        Ed25519PublicKey.of(key.publicKey())));
            } catch (KeyResolutionException e) {
                unresolved[0] = e;
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                unresolved[0] = new KeyResolutionException(id + " is not an Ed25519 key: " + e.getMessage());
                return Optional.empty();
            }
        });
        String method = presented.credential().path("proof").path("verificationMethod").asText(
                result.verificationMethod());
        if (result.verified()) {
            return List.of(CheckResult.pass(Check.PROOF, "Valid eddsa-rdfc-2022 signature by " + method
                            + ": the credential is exactly as signed"),
                    issuerKey(presented, issuer, method, resolved[0]));
        }
        if (result.reason() == VerificationResult.Reason.UNKNOWN_KEY) {
            return List.of(CheckResult.fail(Check.PROOF, "The proof cannot be checked: its key was not resolved"),
                    CheckResult.fail(Check.ISSUER_KEY, unresolved[0] != null ? unresolved[0].getMessage()
                            : "No key resolved for " + method));
        }
        CheckResult proofResult = CheckResult.fail(Check.PROOF, describe(result, presented));
        CheckResult issuerKey = resolved[0] != null ? issuerKey(presented, issuer, method, resolved[0])
                : CheckResult.fail(Check.ISSUER_KEY, UNREADABLE);
        return List.of(proofResult, issuerKey);
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

    private static String jwtKeyId(Presented presented, String issuer) throws ProofException {
        String alg = presented.jwt().alg();
        if (!"EdDSA".equals(alg) && !"Ed25519".equals(alg)) {
            throw new ProofException("Unsupported JWT algorithm '" + alg + "': only EdDSA (Ed25519) is accepted");
        }
        String kid = presented.jwt().kid();
        if (kid.isBlank()) {
            throw new ProofException("The JWT header names no key (kid)");
        }
        // a relative kid names a key of the issuer's DID
        return kid.startsWith("#") && issuer != null ? issuer + kid : kid;
    }

    private static CheckResult issuerKey(Presented presented, String issuer, String method, ResolvedKey key) {
        if (issuer == null) {
            return CheckResult.fail(Check.ISSUER_KEY, "The credential names no issuer for key " + method
                    + " to belong to");
        }
        if (!issuer.equals(key.controller())) {
            return CheckResult.fail(Check.ISSUER_KEY, "Key " + method + " belongs to " + key.controller()
                    + ", not to the issuer " + issuer);
        }
        if (presented.jwt() != null) {
            String iss = presented.jwt().claims().path("iss").asText("");
            if (!iss.isEmpty() && !iss.equals(issuer)) {
                return CheckResult.fail(Check.ISSUER_KEY, "The JWT issuer " + iss
                        + " is not the credential's issuer " + issuer);
            }
        }
        return CheckResult.pass(Check.ISSUER_KEY, "Key " + method + " resolved (" + key.source()
                + ") and belongs to the issuer " + issuer);
    }
}
