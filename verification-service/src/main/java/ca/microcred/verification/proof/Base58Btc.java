package ca.microcred.verification.proof;

import java.math.BigInteger;
import java.util.Arrays;

/** Multibase base58btc ({@code z} prefix), the encoding of Ed25519 keys and signatures in Data Integrity. */
public final class Base58Btc {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int[] INDEX = new int[128];
    private static final BigInteger BASE = BigInteger.valueOf(58);
    /** Far above any key or signature; bounds the work spent on a hostile value. */
    private static final int MAX_ENCODED = 256;

    static {
        Arrays.fill(INDEX, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            INDEX[ALPHABET.charAt(i)] = i;
        }
    }

    private Base58Btc() {
    }

    /**
     * Decodes a multibase value that must use base58btc.
     *
     * @throws IllegalArgumentException when the value is not multibase base58btc
     */
    public static byte[] decodeMultibase(String value) {
        if (value == null || value.length() < 2 || value.charAt(0) != 'z') {
            throw new IllegalArgumentException("not a multibase base58btc value (it must start with 'z')");
        }
        return decode(value.substring(1));
    }

    public static byte[] decode(String encoded) {
        if (encoded.length() > MAX_ENCODED) {
            throw new IllegalArgumentException("base58 value too long");
        }
        BigInteger number = BigInteger.ZERO;
        int leadingZeros = 0;
        boolean leading = true;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            int digit = c < 128 ? INDEX[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("'" + c + "' is not a base58 character");
            }
            if (leading && digit == 0) {
                leadingZeros++;
            } else {
                leading = false;
            }
            number = number.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = number.signum() == 0 ? new byte[0] : number.toByteArray();
        int strip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0;
        byte[] out = new byte[leadingZeros + magnitude.length - strip];
        System.arraycopy(magnitude, strip, out, leadingZeros, magnitude.length - strip);
        return out;
    }

    public static String encodeMultibase(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        BigInteger number = new BigInteger(1, bytes);
        while (number.signum() > 0) {
            BigInteger[] divided = number.divideAndRemainder(BASE);
            out.append(ALPHABET.charAt(divided[1].intValue()));
            number = divided[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append('1');
        }
        return "z" + out.reverse();
    }
}
