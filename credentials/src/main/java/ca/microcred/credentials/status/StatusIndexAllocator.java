package ca.microcred.credentials.status;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Hands out status list indexes at random (so a credential's position reveals nothing about when or to whom
 * it was issued), never the same one twice. The allocation state is itself a bitstring, so it can be stored
 * next to the list with {@link #encode()} and restored with {@link #decode(String)}.
 *
 * <p>
 * Not thread-safe: one writer per list.
 */
public final class StatusIndexAllocator {

    private static final int RANDOM_TRIES = 32;
    private static final SecureRandom DEFAULT_RANDOM = new SecureRandom();

    private final StatusList allocated;
    private final Random random;
    private int count;

    private StatusIndexAllocator(StatusList allocated, Random random) {
        this.allocated = allocated;
        this.random = random;
        this.count = allocated.countSet();
    }

    /** An allocator for a fresh list of {@code size} entries. */
    public static StatusIndexAllocator create(int size) {
        return new StatusIndexAllocator(StatusList.create(StatusPurpose.REVOCATION, size), DEFAULT_RANDOM);
    }

    /** An allocator restored from {@link #encode()}. */
    public static StatusIndexAllocator decode(String encodedAllocations) {
        return new StatusIndexAllocator(StatusList.decode(StatusPurpose.REVOCATION, encodedAllocations), DEFAULT_RANDOM);
    }

    /** Same as {@link #create(int)} with a chosen random source (tests use a seeded one). */
    public static StatusIndexAllocator create(int size, Random random) {
        return new StatusIndexAllocator(StatusList.create(StatusPurpose.REVOCATION, size), random);
    }

    /**
     * A random index not handed out before.
     *
     * @throws IllegalStateException when every index is taken; open a new list
     */
    public int allocate() {
        int size = allocated.size();
        if (count >= size) {
            throw new IllegalStateException("status list is full (" + size + " entries)");
        }
        for (int i = 0; i < RANDOM_TRIES; i++) {
            int candidate = random.nextInt(size);
            if (!allocated.get(candidate)) {
                return take(candidate);
            }
        }
        // the list is nearly full: walk from a random point to the next free index
        int start = random.nextInt(size);
        for (int step = 0; step < size; step++) {
            int candidate = (start + step) % size;
            if (!allocated.get(candidate)) {
                return take(candidate);
            }
        }
        throw new IllegalStateException("status list is full (" + size + " entries)");
    }

    /** Records an index taken elsewhere (e.g. replayed from stored credentials). */
    public void markAllocated(int index) {
        if (!allocated.get(index)) {
            take(index);
        }
    }

    public boolean isAllocated(int index) {
        return allocated.get(index);
    }

    public int allocatedCount() {
        return count;
    }

    public int size() {
        return allocated.size();
    }

    public int remaining() {
        return allocated.size() - count;
    }

    /** The allocation state, encoded like a status list. */
    public String encode() {
        return allocated.encode();
    }

    private int take(int index) {
        allocated.set(index);
        count++;
        return index;
    }
}
