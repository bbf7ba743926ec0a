package ca.microcred.issuer.revocation.service;

import ca.microcred.credentials.status.StatusIndexAllocator;
import ca.microcred.credentials.status.StatusList;

/**
 * One step of a provider's status index allocation: from the stored allocation state, take {@code count} new
 * random indexes and produce the state to store back. Pure, so the store can retry it on a newer state.
 *
 * <p>
 * A provider has one revocation and one suspension list, each served at a fixed URL, so they cannot be split
 * into numbered lists when they fill up; instead both double in length before more than half of their
 * entries are taken. Indexes handed out earlier stay valid in the longer list, random picks stay cheap, and
 * a credential always hides among at least as many unused entries as used ones.
 *
 * @param indexes   the new indexes, each used for both the revocation and the suspension list
 * @param allocated the allocation state to store ({@link StatusIndexAllocator#encode()})
 * @param size      entries in the provider's lists after this step
 * @param taken     indexes handed out so far, these included
 */
public record IndexAllocation(int[] indexes, String allocated, int size, int taken) {

    /**
     * @param stored the stored allocation state, or null for a provider that has none yet
     * @param count  how many indexes to take
     */
    public static IndexAllocation next(String stored, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        StatusIndexAllocator allocator = stored == null ? StatusIndexAllocator.create(StatusList.MIN_SIZE)
                : StatusIndexAllocator.decode(stored);
        while ((long) allocator.allocatedCount() + count > allocator.size() / 2) {
            allocator = doubled(allocator);
        }
        int[] indexes = new int[count];
        for (int i = 0; i < count; i++) {
            indexes[i] = allocator.allocate();
        }
        return new IndexAllocation(indexes, allocator.encode(), allocator.size(), allocator.allocatedCount());
    }

    private static StatusIndexAllocator doubled(StatusIndexAllocator allocator) {
        StatusIndexAllocator longer = StatusIndexAllocator.create(Math.multiplyExact(allocator.size(), 2));
        for (int index = 0; index < allocator.size(); index++) {
            if (allocator.isAllocated(index)) {
                longer.markAllocated(index);
            }
        }
        return longer;
    }
}
