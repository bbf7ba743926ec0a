package ca.microcred.verification.keys;

import ca.microcred.credentials.keys.Ed25519PublicKey;

/**
 * An Ed25519 key that a verification method stands for.
 *
 * @param publicKey  the key, decoded once and reused for every signature it checks
 * @param controller who the key belongs to: the DID (or URL) before the fragment of the verification method
 * @param source     how it was found, for the answer: "did:key", "did:web document", "pinned key"
 */
public record ResolvedKey(Ed25519PublicKey publicKey, String controller, String source) {
}
