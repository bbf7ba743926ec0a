package ca.microcred.verification.credential.service;

/**
 * Which document ids belong to credentials issued through this registry, held as 64-bit fingerprints (about 16 bytes
 * per credential, so a million credentials take 16 MB): a submitted credential whose id is not in it is
 * not one of ours, without asking the database. A fingerprint that is present only says "maybe" (two ids may
 * share one); the database then answers. Thread-safe.
 */
final class IssuedDocumentIndex {

    private static final long EMPTY = 0L;

    /** Open addressing, linear probing; {@link #EMPTY} marks a free slot, so a fingerprint is never 0. */
    private long[] slots = new long[1 << 10];
    private int size;

    synchronized void add(String documentId) {
        long fingerprint = fingerprint(documentId);
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        if (insert(slots, fingerprint)) {
            size++;
        }
    }

    /** False when no issued credential has this document id; true when one may have. */
    synchronized boolean mayContain(String documentId) {
        long fingerprint = fingerprint(documentId);
        int mask = slots.length - 1;
        for (int i = index(fingerprint, mask); ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == fingerprint) {
                return true;
            }
            if (slot == EMPTY) {
                return false;
            }
        }
    }

    synchronized int size() {
        return size;
    }

    private void grow() {
        long[] larger = new long[slots.length * 2];
        for (long slot : slots) {
            if (slot != EMPTY) {
                insert(larger, slot);
            }
        }
        slots = larger;
    }

    private static boolean insert(long[] table, long fingerprint) {
        int mask = table.length - 1;
        for (int i = index(fingerprint, mask); ; i = (i + 1) & mask) {
            long slot = table[i];
            if (slot == fingerprint) {
                return false;
            }
            if (slot == EMPTY) {
                table[i] = fingerprint;
                return true;
            }
        }
    }

    private static int index(long fingerprint, int mask) {
        return (int) (fingerprint ^ (fingerprint >>> 32)) & mask;
    }

    /** FNV-1a over the UTF-16 code units, then a finaliser that spreads every bit; never {@link #EMPTY}. */
    static long fingerprint(String documentId) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < documentId.length(); i++) {
            hash ^= documentId.charAt(i);
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash == EMPTY ? 1L : hash;
    }

    @Override
    public synchronized String toString() {
        return "IssuedDocumentIndex[" + size + " of " + slots.length + "]";
    }
}
