package ca.microcred.credentials.keys;

import java.util.Arrays;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** An Ed25519 public key (32 bytes). Immutable and thread-safe; verification runs on BouncyCastle. */
public final class Ed25519PublicKey {

    public static final int LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    private final byte[] encoded;
    private final Ed25519PublicKeyParameters parameters;

    private Ed25519PublicKey(byte[] encoded, Ed25519PublicKeyParameters parameters) {
        this.encoded = encoded;
        this.parameters = parameters;
    }

    /**
     * @throws IllegalArgumentException if the bytes are not 32 long or not a point on the curve
     */
    public static Ed25519PublicKey of(byte[] encoded) {
        if (encoded == null || encoded.length != LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        byte[] copy = encoded.clone();
        try {
            return new Ed25519PublicKey(copy, new Ed25519PublicKeyParameters(copy, 0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid Ed25519 public key", e);
        }
    }

    static Ed25519PublicKey of(Ed25519PublicKeyParameters parameters) {
        return new Ed25519PublicKey(parameters.getEncoded(), parameters);
    }

    /** The key from a Multikey {@code publicKeyMultibase} value ({@code z6Mk...}). */
    public static Ed25519PublicKey fromMultikey(String publicKeyMultibase) {
        return Multikey.decodePublicKey(publicKeyMultibase);
    }

    /** True when {@code signature} is a valid Ed25519 signature of {@code message} under this key. */
    public boolean verify(byte[] message, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        return parameters.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
    }

    public byte[] bytes() {
        return encoded.clone();
    }

    /** Multikey form: {@code z} + base58btc(0xed 0x01 || key). */
    public String multikey() {
        return Multikey.encodePublicKey(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519PublicKey && Arrays.equals(encoded, ((Ed25519PublicKey) other).encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + multikey() + "]";
    }
}
