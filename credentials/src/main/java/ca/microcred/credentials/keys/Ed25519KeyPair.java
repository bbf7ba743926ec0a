package ca.microcred.credentials.keys;

import java.security.SecureRandom;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 key pair backed by BouncyCastle (the JDK provider signs about twenty times slower). Immutable
 * and thread-safe: one instance can sign from many threads.
 */
public final class Ed25519KeyPair {

    public static final int SEED_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKey publicKey;

    private Ed25519KeyPair(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = Ed25519PublicKey.of(privateKey.generatePublicKey());
    }

    public static Ed25519KeyPair generate() {
        return generate(RANDOM);
    }

    public static Ed25519KeyPair generate(SecureRandom random) {
        return new Ed25519KeyPair(new Ed25519PrivateKeyParameters(random));
    }

    /** The key pair of a 32-byte private seed (RFC 8032 private key). */
    public static Ed25519KeyPair fromSeed(byte[] seed) {
        if (seed == null || seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 private key seed is 32 bytes");
        }
        return new Ed25519KeyPair(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** The key pair of a Multikey {@code secretKeyMultibase} value (multicodec ed25519-priv). */
    public static Ed25519KeyPair fromSecretKeyMultibase(String secretKeyMultibase) {
        return fromSeed(Multikey.decodeSecretKey(secretKeyMultibase));
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** A 64-byte Ed25519 signature of the message. */
    public byte[] sign(byte[] message) {
        byte[] signature = new byte[Ed25519PublicKey.SIGNATURE_LENGTH];
        privateKey.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
        return signature;
    }

    /** A copy of the 32-byte private seed, for encrypted storage. */
    public byte[] seed() {
        return privateKey.getEncoded();
    }

    /** Multikey form of the private key ({@code z3u2...}), for encrypted storage. */
    public String secretKeyMultibase() {
        return Multikey.encodeSecretKey(seed());
    }

    @Override
    public String toString() {
        // never print the private part
        return "Ed25519KeyPair[" + publicKey.multikey() + "]";
    }
}
