package ca.microcred.issuer.revocation.service;

import ca.microcred.credentials.status.StatusIndexAllocator;
import ca.microcred.credentials.status.StatusList;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexAllocationTest {

    @Test
    void aFirstAllocationOpensListsOfTheMinimumSizeWithRandomDistinctIndexes() {
        IndexAllocation first = IndexAllocation.next(null, 1_000);

        assertEquals(StatusList.MIN_SIZE, first.size());
        assertEquals(1_000, first.taken());
        Set<Integer> distinct = new HashSet<>();
        Arrays.stream(first.indexes()).forEach(distinct::add);
        assertEquals(1_000, distinct.size());
        int min = Arrays.stream(first.indexes()).min().orElseThrow();
        int max = Arrays.stream(first.indexes()).max().orElseThrow();
        // spread over the list, not handed out in order
        assertTrue(max - min > StatusList.MIN_SIZE / 2, () -> "indexes between " + min + " and " + max);
    }

    @Test
    void laterAllocationsContinueFromTheStoredStateWithoutRepeatingAnIndex() {
        Set<Integer> seen = new HashSet<>();
        String state = null;
        for (int round = 0; round < 50; round++) {
            IndexAllocation next = IndexAllocation.next(state, 500);
            for (int index : next.indexes()) {
                assertTrue(seen.add(index), "index " + index + " handed out twice");
            }
            state = next.allocated();
        }
        StatusIndexAllocator stored = StatusIndexAllocator.decode(state);
        assertEquals(25_000, stored.allocatedCount());
        seen.forEach(index -> assertTrue(stored.isAllocated(index)));
    }

    @Test
    void theListsDoubleBeforeMoreThanHalfIsTakenAndEarlierIndexesStayTaken() {
        IndexAllocation half = IndexAllocation.next(null, StatusList.MIN_SIZE / 2);
        assertEquals(StatusList.MIN_SIZE, half.size());

        IndexAllocation more = IndexAllocation.next(half.allocated(), 1);

        assertEquals(StatusList.MIN_SIZE * 2, more.size());
        assertEquals(StatusList.MIN_SIZE / 2 + 1, more.taken());
        StatusIndexAllocator stored = StatusIndexAllocator.decode(more.allocated());
        assertEquals(StatusList.MIN_SIZE * 2, stored.size());
        for (int index : half.indexes()) {
            assertTrue(stored.isAllocated(index), "index " + index + " lost when the list grew");
        }
        assertTrue(Arrays.stream(half.indexes()).noneMatch(i -> i == more.indexes()[0]));
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> IndexAllocation.next(null, -1));
    }
}
