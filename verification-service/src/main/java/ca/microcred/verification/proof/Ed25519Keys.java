package ca.microcred.verification.proof;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.util.Arrays;

/**
 * Ed25519 public keys as Data Integrity and DIDs write them, and signature verification through BouncyCastle's
 * RFC 8032 code (the JDK's own Ed25519 is an order of magnitude slower).
 */
public final class Ed25519Keys {

    /** Multicodec prefix of an Ed25519 public key (0xed, varint-encoded). */
    private static final byte[] ED25519_PUB = {(byte) 0xed, 0x01};

    private Ed25519Keys() {
    }

    /**
     * The raw 32-byte key of a Multikey {@code publicKeyMultibase} ({@code z6Mk...}).
     *
     * @throws IllegalArgumentException when it is not an Ed25519 Multikey
     */
    public static byte[] fromMultikey(String publicKeyMultibase) {
        byte[] decoded = Base58Btc.decodeMultibase(publicKeyMultibase);
        if (decoded.length != 34 || decoded[0] != ED25519_PUB[0] || decoded[1] != ED25519_PUB[1]) {
            throw new IllegalArgumentException("not an Ed25519 Multikey");
        }
        return Arrays.copyOfRange(decoded, 2, 34);
    }

    public static String toMultikey(byte[] publicKey) {
        byte[] prefixed = new byte[34];
        prefixed[0] = ED25519_PUB[0];
        prefixed[1] = ED25519_PUB[1];
        System.arraycopy(publicKey, 0, prefixed, 2, 32);
        return Base58Btc.encodeMultibase(prefixed);
    }

    /**
     * The key a {@code did:key} names, from the DID or one of its DID URLs ({@code did:key:z6Mk...#z6Mk...}).
     *
     * @throws IllegalArgumentException when it is not an Ed25519 did:key, or the fragment names another key
     */
    public static byte[] fromDidKey(String didUrl) {
        if (!didUrl.startsWith("did:key:")) {
            throw new IllegalArgumentException("not a did:key");
        }
        int hash = didUrl.indexOf('#');
        String multikey = didUrl.substring("did:key:".length(), hash < 0 ? didUrl.length() : hash);
        if (hash >= 0 && !didUrl.substring(hash + 1).equals(multikey)) {
            throw new IllegalArgumentException("the fragment does not name the did:key's own key");
        }
        return fromMultikey(multikey);
    }

    /** True when the signature is a valid Ed25519 signature of the message under the key. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != Ed25519.PUBLIC_KEY_SIZE || signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        try {
            return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
        } catch (RuntimeException e) {
            // a key that is not a curve point is simply not the signer's
            return false;
        }
    }
}
