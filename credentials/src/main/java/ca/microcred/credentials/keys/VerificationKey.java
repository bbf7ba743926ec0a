package ca.microcred.credentials.keys;

import java.util.Objects;
import java.util.Set;

/**
 * A public key a verifier trusts for a verification method: its id, its controller (who the key speaks for)
 * and the verification relationships (proof purposes) the controller authorised it for.
 */
public record VerificationKey(String id, String controller, Ed25519PublicKey publicKey, Set<String> relationships) {

    public static final String ASSERTION_METHOD = "assertionMethod";
    public static final String AUTHENTICATION = "authentication";

    public VerificationKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(publicKey, "publicKey");
        relationships = Set.copyOf(relationships);
    }

    /** A key authorised for issuing credentials ({@code assertionMethod}). */
    public static VerificationKey forAssertion(String id, String controller, Ed25519PublicKey publicKey) {
        return new VerificationKey(id, controller, publicKey, Set.of(ASSERTION_METHOD));
    }

    public boolean authorisedFor(String proofPurpose) {
        return relationships.contains(proofPurpose);
    }
}
