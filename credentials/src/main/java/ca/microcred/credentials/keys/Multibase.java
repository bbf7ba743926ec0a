package ca.microcred.credentials.keys;

import java.util.Arrays;
import java.util.Base64;

/**
 * The two multibase encodings credentials use: base58btc ({@code z} prefix; keys, signatures) and
 * base64url without padding ({@code u} prefix; status list bitstrings).
 */
public final class Multibase {

    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] INDEXES = new int[128];

    static {
        Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEXES[ALPHABET[i]] = i;
        }
    }

    private Multibase() {
    }

    /** {@code z} followed by the base58btc (Bitcoin alphabet) form of the bytes. */
    public static String encodeBase58Btc(byte[] data) {
        return "z" + base58(data);
    }

    /** Bytes of a {@code z}-prefixed base58btc string. */
    public static byte[] decodeBase58Btc(String multibase) {
        if (multibase == null || multibase.isEmpty() || multibase.charAt(0) != 'z') {
            throw new IllegalArgumentException("not a base58btc multibase value (must start with 'z')");
        }
        return unbase58(multibase, 1);
    }

    /** {@code u} followed by unpadded base64url. */
    public static String encodeBase64Url(byte[] data) {
        return "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(data);
    }

    /** Bytes of a {@code u}-prefixed base64url string (padding tolerated). */
    public static byte[] decodeBase64Url(String multibase) {
        if (multibase == null || multibase.isEmpty() || multibase.charAt(0) != 'u') {
            throw new IllegalArgumentException("not a base64url multibase value (must start with 'u')");
        }
        try {
            return Base64.getUrlDecoder().decode(multibase.substring(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid base64url in multibase value", e);
        }
    }

    static String base58(byte[] input) {
        if (input.length == 0) {
            return "";
        }
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) {
            zeros++;
        }
        byte[] digits = Arrays.copyOf(input, input.length);
        char[] encoded = new char[input.length * 2];
        int out = encoded.length;
        int start = zeros;
        while (start < digits.length) {
            encoded[--out] = ALPHABET[divmod(digits, start, 256, 58)];
            if (digits[start] == 0) {
                start++;
            }
        }
        while (out < encoded.length && encoded[out] == ALPHABET[0]) {
            out++;
        }
        while (--zeros >= 0) {
            encoded[--out] = ALPHABET[0];
        }
        return new String(encoded, out, encoded.length - out);
    }

    static byte[] unbase58(String input, int offset) {
        int length = input.length() - offset;
        if (length == 0) {
            return new byte[0];
        }
        byte[] input58 = new byte[length];
        for (int i = 0; i < length; i++) {
            char c = input.charAt(offset + i);
            int digit = c < 128 ? INDEXES[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("invalid base58 character '" + c + "'");
            }
            input58[i] = (byte) digit;
        }
        int zeros = 0;
        while (zeros < input58.length && input58[zeros] == 0) {
            zeros++;
        }
        byte[] decoded = new byte[length];
        int out = decoded.length;
        int start = zeros;
        while (start < input58.length) {
            decoded[--out] = divmod(input58, start, 58, 256);
            if (input58[start] == 0) {
                start++;
            }
        }
        while (out < decoded.length && decoded[out] == 0) {
            out++;
        }
        return Arrays.copyOfRange(decoded, out - zeros, decoded.length);
    }

    private static byte divmod(byte[] number, int first, int base, int divisor) {
        int remainder = 0;
        for (int i = first; i < number.length; i++) {
            int digit = number[i] & 0xFF;
            int temp = remainder * base + digit;
            number[i] = (byte) (temp / divisor);
            remainder = temp % divisor;
        }
        return (byte) remainder;
    }
}
