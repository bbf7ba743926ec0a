package ca.microcred.credentials.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import ca.microcred.credentials.keys.Multibase;

/**
 * A W3C Bitstring Status List: one bit per credential, index 0 being the most significant bit of the first
 * byte. Encoded as GZIP, then multibase base64url without padding ({@code u...}).
 *
 * <p>
 * Not thread-safe: one writer changes a list (load, change, store with optimistic concurrency).
 */
public final class StatusList {

    /** 16 KiB of bits: the minimum the specification sets, so one credential hides among many. */
    public static final int MIN_SIZE = 131_072;

    /** Lists larger than this (bits) are refused when decoding, so a hostile list cannot exhaust memory. */
    public static final int MAX_SIZE = 64 * 1024 * 1024 * 8;

    private final StatusPurpose purpose;
    private final byte[] bits;

    private StatusList(StatusPurpose purpose, byte[] bits) {
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.bits = bits;
    }

    /** An empty list of {@link #MIN_SIZE} entries. */
    public static StatusList create(StatusPurpose purpose) {
        return create(purpose, MIN_SIZE);
    }

    /** An empty list; {@code size} is at least {@link #MIN_SIZE} and a multiple of 8. */
    public static StatusList create(StatusPurpose purpose, int size) {
        if (size < MIN_SIZE || size % 8 != 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("a status list has a multiple of 8 entries, at least " + MIN_SIZE);
        }
        return new StatusList(purpose, new byte[size / 8]);
    }

    /**
     * The list an {@code encodedList} value carries.
     *
     * @throws IllegalArgumentException if the value is not multibase base64url GZIP data of at least
     *                                  {@link #MIN_SIZE} bits
     */
    public static StatusList decode(StatusPurpose purpose, String encodedList) {
        byte[] compressed = Multibase.decodeBase64Url(encodedList);
        byte[] bits;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            bits = readAtMost(in, MAX_SIZE / 8);
        } catch (IOException e) {
            throw new IllegalArgumentException("encodedList is not GZIP data", e);
        }
        if (bits.length * 8L < MIN_SIZE) {
            throw new IllegalArgumentException(
                    "status list has " + bits.length * 8L + " entries, the minimum is " + MIN_SIZE);
        }
        return new StatusList(purpose, bits);
    }

    /** The {@code encodedList} value: multibase base64url of the GZIP-compressed bitstring. */
    public String encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bits.length / 16 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Multibase.encodeBase64Url(out.toByteArray());
    }

    public StatusPurpose purpose() {
        return purpose;
    }

    /** Number of entries (bits). */
    public int size() {
        return bits.length * 8;
    }

    /** True when the credential at {@code index} is revoked or suspended (by this list's purpose). */
    public boolean get(int index) {
        checkIndex(index);
        return (bits[index >>> 3] & (0x80 >>> (index & 7))) != 0;
    }

    public void set(int index) {
        set(index, true);
    }

    public void clear(int index) {
        set(index, false);
    }

    public void set(int index, boolean value) {
        checkIndex(index);
        if (value) {
            bits[index >>> 3] |= (byte) (0x80 >>> (index & 7));
        } else {
            bits[index >>> 3] &= (byte) ~(0x80 >>> (index & 7));
        }
    }

    /** Number of set bits. */
    public int countSet() {
        int count = 0;
        for (byte b : bits) {
            count += Integer.bitCount(b & 0xFF);
        }
        return count;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("status index " + index + " outside a list of " + size());
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(MIN_SIZE / 8);
        byte[] buffer = new byte[8192];
        int total = 0;
        int read;
        while ((read = in.read(buffer)) > 0) {
            total += read;
            if (total > limit) {
                throw new IllegalArgumentException("status list larger than " + MAX_SIZE + " entries");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
