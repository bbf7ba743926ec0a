package ca.microcred.issuer.keys;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts provider private keys at rest with AES-256-GCM. Each ciphertext carries its own random 96-bit nonce
 * and is bound (as additional authenticated data) to the provider and key id it belongs to, so a stored key
 * copied into another provider's document fails to decrypt instead of signing for the wrong issuer.
 */
public final class MasterKey {

    /** Prefix naming the scheme, so a later scheme can coexist with keys stored under this one. */
    static final String SCHEME = "A256GCM:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public MasterKey(byte[] keyBytes) {
        if (keyBytes == null || keyBytes.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes (AES-256)");
        }
        this.key = new SecretKeySpec(keyBytes.clone(), "AES");
    }

    /** Parses the configured base64 value, explaining what is wrong when it is not a 32-byte key. */
    public static MasterKey fromBase64(String configured) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(configured.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("microcred.issuer.master-key is not valid base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("microcred.issuer.master-key must be the base64 encoding of 32 random bytes, got "
                    + bytes.length + " bytes");
        }
        return new MasterKey(bytes);
    }

    public String encrypt(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return SCHEME + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public byte[] decrypt(String stored, String context) {
        if (stored == null || !stored.startsWith(SCHEME)) {
            throw new IllegalStateException("stored key is not in the " + SCHEME + " format");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(SCHEME.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored private key does not decrypt under the configured master key "
                    + "(was microcred.issuer.master-key changed?)", e);
        }
    }
}
