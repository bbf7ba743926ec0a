package ca.microcred.issuer.provider;

import java.time.Instant;

/**
 * One of a provider's Ed25519 keys. Only the newest key signs; older ones stay listed in the DID document so
 * credentials signed before a rotation still verify.
 *
 * @param id                  fragment of the verification method, e.g. {@code key-3f9c2a1b}
 * @param publicKeyMultibase  Multikey encoding of the public key ({@code z6Mk...})
 * @param encryptedPrivateKey AES-256-GCM ciphertext of the 32-byte private key, never the key itself
 */
public record ProviderKey(String id, String publicKeyMultibase, String encryptedPrivateKey, Instant createdAt) {
}
