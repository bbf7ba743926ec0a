package ca.microcred.verification.verify.service;

import ca.microcred.credentials.jsonld.JsonLdCanonicalizer;
import ca.microcred.verification.keys.KeyResolutionException;
import ca.microcred.verification.keys.KeyResolver;
import ca.microcred.verification.keys.ResolvedKey;
import ca.microcred.verification.proof.DataIntegrityProof;
import ca.microcred.verification.proof.ProofException;
import ca.microcred.verification.verify.Check;
import ca.microcred.verification.verify.CheckResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The proof and issuer-key checks: which key made the proof, whether it belongs to the credential's issuer, and
 * whether the signature covers the credential exactly as presented.
 */
@ApplicationScoped
public class ProofChecks {

    private final KeyResolver keys;
    private final JsonLdCanonicalizer canonicalizer = JsonLdCanonicalizer.shared();

    public ProofChecks(KeyResolver keys) {
        this.keys = keys;
    }

    /** @return the proof check followed by the issuer-key check */
    public List<CheckResult> check(Presented presented) {
        String issuer = DocumentChecks.issuerId(presented.credential()).orElse(null);
        String method;
        DataIntegrityProof proof = null;
        try {
            if (presented.jwt() != null) {
                method = jwtKeyId(presented, issuer);
            } else {
                proof = DataIntegrityProof.of(presented.credential());
                method = proof.verificationMethod();
            }
        } catch (ProofException e) {
            return List.of(CheckResult.fail(Check.PROOF, e.getMessage()),
                    CheckResult.fail(Check.ISSUER_KEY, "No key to resolve: the proof cannot be read"));
        }
        ResolvedKey key;
        try {
            key = keys.resolve(method);
        } catch (KeyResolutionException e) {
            return List.of(CheckResult.fail(Check.PROOF, "The proof cannot be checked: its key was not resolved"),
                    CheckResult.fail(Check.ISSUER_KEY, e.getMessage()));
        }
        CheckResult issuerKey = issuerKey(presented, issuer, method, key);
        CheckResult proofResult;
        try {
            boolean valid = presented.jwt() != null
                    ? presented.jwt().verify(key.publicKey())
                    : proof.verify(presented.credential(), key.publicKey(), canonicalizer);
            String kind = presented.jwt() != null ? "VC-JWT EdDSA" : "eddsa-rdfc-2022";
            proofResult = valid
                    ? CheckResult.pass(Check.PROOF, "Valid " + kind + " signature by " + method
                            + ": the credential is exactly as signed")
                    : CheckResult.fail(Check.PROOF, "The " + kind + " signature does not match: the credential "
                            + "was changed after signing, or was not signed with " + method);
        } catch (ProofException e) {
            proofResult = CheckResult.fail(Check.PROOF, e.getMessage());
        }
        return List.of(proofResult, issuerKey);
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
