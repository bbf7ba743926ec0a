package ca.microcred.verification.proof;

import ca.microcred.credentials.keys.Ed25519PublicKey;

/** Ed25519 signature checks on keys as resolved, which may be any 32 bytes. */
final class Signatures {

    private Signatures() {
    }

    /** True when the signature is a valid Ed25519 signature of the message under the key. */
    static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        Ed25519PublicKey key;
        try {
            key = Ed25519PublicKey.of(publicKey);
        } catch (IllegalArgumentException e) {
            // a key that is not a curve point is simply not the signer's
            return false;
        }
        return key.verify(message, signature);
    }
}
