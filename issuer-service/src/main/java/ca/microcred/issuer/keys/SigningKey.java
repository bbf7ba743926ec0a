package ca.microcred.issuer.keys;

import ca.microcred.credentials.keys.Ed25519KeyPair;

/**
 * A provider's current signing key, decrypted, for the code that signs credentials.
 *
 * @param issuerDid          the provider's did:web, the credential's {@code issuer.id}
 * @param verificationMethod the DID URL of the key ({@code did:web:...#key-...}), the proof's
 *                           {@code verificationMethod} and the VC-JWT {@code kid}
 * @param keyPair            the Ed25519 key pair; its public key is the one the DID document lists under
 *                           {@code verificationMethod}
 */
public record SigningKey(String providerId, String issuerDid, String verificationMethod, Ed25519KeyPair keyPair) {
}
