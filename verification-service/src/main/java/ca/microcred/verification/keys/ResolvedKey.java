package ca.microcred.verification.keys;

/**
 * An Ed25519 key that a verification method stands for.
 *
 * @param publicKey  the raw 32-byte key
 * @param controller who the key belongs to: the DID (or URL) before the fragment of the verification method
 * @param source     how it was found, for the answer: "did:key", "did:web document", "pinned key"
 */
public record ResolvedKey(byte[] publicKey, String controller, String source) {
}
