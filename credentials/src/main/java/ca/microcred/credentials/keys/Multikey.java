package ca.microcred.credentials.keys;

import java.util.Arrays;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Multikey encoding of Ed25519 keys (Controlled Identifiers / Data Integrity): multicodec prefix then the raw
 * key, base58btc multibase. Public keys use ed25519-pub (0xed, varint {@code 0xed 0x01}) and read
 * {@code z6Mk...}; private keys use ed25519-priv (0x1300, varint {@code 0x80 0x26}).
 */
public final class Multikey {

    public static final String TYPE = "Multikey";
    public static final String CONTEXT = "https://w3id.org/security/multikey/v1";

    private static final byte[] PUBLIC_PREFIX = {(byte) 0xed, 0x01};
    private static final byte[] SECRET_PREFIX = {(byte) 0x80, 0x26};

    private Multikey() {
    }

    public static String encodePublicKey(Ed25519PublicKey key) {
        return Multibase.encodeBase58Btc(prefixed(PUBLIC_PREFIX, key.bytes()));
    }

    /**
     * @throws IllegalArgumentException if the value is not a base58btc Ed25519 Multikey
     */
    public static Ed25519PublicKey decodePublicKey(String publicKeyMultibase) {
        return Ed25519PublicKey.of(unprefixed(PUBLIC_PREFIX, publicKeyMultibase, "ed25519-pub"));
    }

    public static String encodeSecretKey(byte[] seed) {
        return Multibase.encodeBase58Btc(prefixed(SECRET_PREFIX, seed));
    }

    public static byte[] decodeSecretKey(String secretKeyMultibase) {
        return unprefixed(SECRET_PREFIX, secretKeyMultibase, "ed25519-priv");
    }

    /**
     * A Multikey verification method document: {@code id}, {@code type}, {@code controller},
     * {@code publicKeyMultibase}.
     */
    public static ObjectNode verificationMethod(String id, String controller, Ed25519PublicKey key) {
        ObjectNode method = JsonNodeFactory.instance.objectNode();
        method.put("id", id);
        method.put("type", TYPE);
        method.put("controller", controller);
        method.put("publicKeyMultibase", key.multikey());
        return method;
    }

    private static byte[] prefixed(byte[] prefix, byte[] key) {
        byte[] out = new byte[prefix.length + key.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(key, 0, out, prefix.length, key.length);
        return out;
    }

    private static byte[] unprefixed(byte[] prefix, String multibase, String codec) {
        byte[] decoded = Multibase.decodeBase58Btc(multibase);
        if (decoded.length != prefix.length + 32
                || !Arrays.equals(Arrays.copyOfRange(decoded, 0, prefix.length), prefix)) {
            throw new IllegalArgumentException("not a base58btc " + codec + " Multikey value");
        }
        return Arrays.copyOfRange(decoded, prefix.length, decoded.length);
    }
}
