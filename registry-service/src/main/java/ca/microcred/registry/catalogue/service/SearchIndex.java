package ca.microcred.registry.catalogue.service;

import ca.microcred.registry.catalogue.CatalogueEntry;
import ca.microcred.registry.catalogue.CatalogueSearch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable search index over the visible catalogue entries: posting lists from each search term and each
 * filter value to the entries that have it, so a search touches only its candidates instead of every entry.
 *
 * <p>Entries are numbered by their rank in "newest" order (published latest first, then by id), and every posting
 * list holds these numbers in ascending order. A search intersects the lists of its terms and filter values,
 * smallest first (galloping through a long list with binary search when it is far longer than the candidates
 * left), so its cost follows the rarest criterion; the total is the number of candidates left. Because numbers are
 * newest-first ranks, the candidates are already in "newest" order and a page of them is a slice; relevance and
 * workload keep only the best {@code (page + 1) * size} candidates on a bounded heap of primitive keys whose ties
 * fall back to that rank, which is exactly the order of the full sort. The workload range reads the entries sorted
 * by workload with two binary searches, and filters the candidates by value when another criterion is rarer.
 */
final class SearchIndex {

    private static final int[] NONE = new int[0];

    /** Index with no entries; its generation matches no change count, so the first search builds a real one. */
    static final SearchIndex EMPTY = new SearchIndex(List.of(), -1);

    private final long generation;
    private final IndexedEntry[] byRank;
    private final int[] all;
    private final Map<String, int[]> terms;
    private final Map<String, int[]> nameTerms;
    private final Map<String, int[]> skills;
    private final Map<String, int[]> occupations;
    private final Map<String, int[]> providers;
    private final Map<String, int[]> provinces;
    private final Map<String, int[]> deliveryModes;
    private final Map<String, int[]> languages;
    private final int[] selfPaced;
    private final int[] notSelfPaced;
    private final int[] stackable;
    private final int[] notStackable;
    /** Ranks of the entries that state a workload, by workload ascending; {@link #workloads} holds the values. */
    private final int[] byWorkloadHours;
    private final double[] workloads;
    /** Position of each rank in the "workload" sort order (workload key ascending, then id). */
    private final int[] workloadPosition;

    private SearchIndex(Collection<IndexedEntry> candidates, long generation) {
        this.generation = generation;
        List<IndexedEntry> visible = new ArrayList<>(candidates.size());
        for (IndexedEntry entry : candidates) {
            if (entry.visible()) {
                visible.add(entry);
            }
        }
        visible.sort(Comparator.comparing(IndexedEntry::publishedAt, Comparator.reverseOrder())
                .thenComparing(IndexedEntry::id));
        byRank = visible.toArray(new IndexedEntry[0]);
        int n = byRank.length;
        all = new int[n];
        Postings terms = new Postings();
        Postings nameTerms = new Postings();
        Postings skills = new Postings();
        Postings occupations = new Postings();
        Postings providers = new Postings();
        Postings provinces = new Postings();
        Postings deliveryModes = new Postings();
        Postings languages = new Postings();
        Postings flags = new Postings();
        for (int rank = 0; rank < n; rank++) {
            IndexedEntry e = byRank[rank];
            CatalogueEntry entry = e.entry();
            all[rank] = rank;
            terms.addAll(e.terms(), rank);
            nameTerms.addAll(e.nameTerms(), rank);
            skills.addAll(e.skillKeys(), rank);
            occupations.addAll(e.occupationCodes(), rank);
            languages.addAll(e.languageBases(), rank);
            providers.add(entry.providerId(), rank);
            provinces.add(entry.province(), rank);
            deliveryModes.add(entry.deliveryMode(), rank);
            flags.add(entry.selfPaced() ? "selfPaced" : "notSelfPaced", rank);
            flags.add(e.stackable() ? "stackable" : "notStackable", rank);
        }
        this.terms = terms.build();
        this.nameTerms = nameTerms.build();
        this.skills = skills.build();
        this.occupations = occupations.build();
        this.providers = providers.build();
        this.provinces = provinces.build();
        this.deliveryModes = deliveryModes.build();
        this.languages = languages.build();
        Map<String, int[]> flagLists = flags.build();
        selfPaced = flagLists.getOrDefault("selfPaced", NONE);
        notSelfPaced = flagLists.getOrDefault("notSelfPaced", NONE);
        stackable = flagLists.getOrDefault("stackable", NONE);
        notStackable = flagLists.getOrDefault("notStackable", NONE);

        Integer[] withHours = Arrays.stream(all).filter(rank -> byRank[rank].workloadHours() != null).boxed()
                .toArray(Integer[]::new);
        Arrays.sort(withHours, Comparator.comparingDouble(rank -> byRank[rank].workloadHours()));
        byWorkloadHours = new int[withHours.length];
        workloads = new double[withHours.length];
        for (int i = 0; i < withHours.length; i++) {
            byWorkloadHours[i] = withHours[i];
            workloads[i] = byRank[withHours[i]].workloadHours();
        }
        Integer[] workloadOrder = Arrays.stream(all).boxed().toArray(Integer[]::new);
        Arrays.sort(workloadOrder, Comparator.<Integer>comparingDouble(rank -> byRank[rank].workloadKey())
                .thenComparing(rank -> byRank[rank].id()));
        workloadPosition = new int[n];
        for (int position = 0; position < n; position++) {
            workloadPosition[workloadOrder[position]] = position;
        }
    }

    /** Indexes the visible ones among these entries. */
    static SearchIndex of(Collection<IndexedEntry> entries, long generation) {
        return new SearchIndex(entries, generation);
    }

    /** The count of changes this index reflects. */
    long generation() {
        return generation;
    }

    /** Visible entries held. */
    int size() {
        return byRank.length;
    }

    CatalogueIndex.Hits search(CatalogueSearch search) {
        int[] candidates = candidates(search);
        int total = candidates.length;
        int from = (int) Math.min((long) search.page() * search.size(), total);
        int keep = (int) Math.min((long) from + search.size(), total);
        boolean byRelevance = search.sort() == CatalogueSearch.Sort.RELEVANCE && !search.terms().isEmpty();
        List<CatalogueEntry> page = new ArrayList<>(keep - from);
        List<Integer> scores = byRelevance ? new ArrayList<>(keep - from) : null;
        if (byRelevance) {
            int[] score = scores(search.terms(), candidates);
            long[] best = TopKeys.smallest(total, keep, i -> relevanceKey(score[i], candidates[i]));
            for (int i = from; i < keep; i++) {
                int rank = (int) best[i];
                page.add(byRank[rank].entry());
                scores.add(Integer.MAX_VALUE - (int) (best[i] >>> 32));
            }
        } else if (search.sort() == CatalogueSearch.Sort.WORKLOAD) {
            // key: workload position (unique per entry) high, rank low
            long[] best = TopKeys.smallest(total, keep,
                    i -> ((long) workloadPosition[candidates[i]] << 32) | candidates[i]);
            for (int i = from; i < keep; i++) {
                page.add(byRank[(int) best[i]].entry());
            }
        } else {
            for (int i = from; i < keep; i++) {
                page.add(byRank[candidates[i]].entry());
            }
        }
        return new CatalogueIndex.Hits(total, page, scores);
    }

    /** Higher scores first, then newest first (lower rank); the rank sits in the low 32 bits. */
    private static long relevanceKey(int score, int rank) {
        return ((long) (Integer.MAX_VALUE - score) << 32) | rank;
    }

    /** The ranks of all matching entries, ascending. */
    private int[] candidates(CatalogueSearch s) {
        List<int[]> lists = new ArrayList<>();
        for (String term : s.terms()) {
            lists.add(terms.getOrDefault(term, NONE));
        }
        for (String skill : s.skillKeys()) {
            lists.add(skills.getOrDefault(skill, NONE));
        }
        if (s.occupation() != null) {
            lists.add(occupations.getOrDefault(s.occupation(), NONE));
        }
        if (s.providerId() != null) {
            lists.add(providers.getOrDefault(s.providerId(), NONE));
        }
        if (s.province() != null) {
            lists.add(provinces.getOrDefault(s.province().name(), NONE));
        }
        if (s.deliveryMode() != null) {
            lists.add(deliveryModes.getOrDefault(s.deliveryMode().name(), NONE));
        }
        if (s.language() != null) {
            lists.add(languages.getOrDefault(s.language(), NONE));
        }
        if (s.selfPaced() != null) {
            lists.add(s.selfPaced() ? selfPaced : notSelfPaced);
        }
        if (s.stackable() != null) {
            lists.add(s.stackable() ? stackable : notStackable);
        }
        boolean ranged = s.workloadMin() != null || s.workloadMax() != null;
        int low = 0;
        int high = workloads.length;
        if (ranged) {
            low = s.workloadMin() == null ? 0 : firstAtLeast(s.workloadMin());
            high = s.workloadMax() == null ? workloads.length : firstAbove(s.workloadMax());
            high = Math.max(low, high);
        }
        lists.sort(Comparator.comparingInt(list -> list.length));
        int[] result;
        if (ranged && (lists.isEmpty() || high - low < lists.get(0).length)) {
            int[] inRange = Arrays.copyOfRange(byWorkloadHours, low, high);
            Arrays.sort(inRange);
            lists.add(0, inRange);
            ranged = false;
        }
        if (lists.isEmpty()) {
            return all;
        }
        result = lists.get(0);
        for (int i = 1; i < lists.size() && result.length > 0; i++) {
            result = intersect(result, lists.get(i));
        }
        if (ranged && result.length > 0) {
            result = inRange(result, s.workloadMin(), s.workloadMax());
        }
        return result;
    }

    private int[] inRange(int[] ranks, Double min, Double max) {
        int[] kept = new int[ranks.length];
        int count = 0;
        for (int rank : ranks) {
            Double hours = byRank[rank].workloadHours();
            if (hours != null && (min == null || hours >= min) && (max == null || hours <= max)) {
                kept[count++] = rank;
            }
        }
        return count == kept.length ? kept : Arrays.copyOf(kept, count);
    }

    private int firstAtLeast(double min) {
        int lo = 0;
        int hi = workloads.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (workloads[mid] < min) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int firstAbove(double max) {
        int lo = 0;
        int hi = workloads.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (workloads[mid] <= max) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Every term matches every candidate (they were intersected); one found in the name counts three, elsewhere
     * one. Walks each term's name list alongside the candidates, both ascending.
     */
    private int[] scores(List<String> searched, int[] candidates) {
        int[] score = new int[candidates.length];
        Arrays.fill(score, searched.size());
        for (String term : searched) {
            int[] inName = nameTerms.getOrDefault(term, NONE);
            int j = 0;
            for (int i = 0; i < candidates.length && j < inName.length; i++) {
                while (j < inName.length && inName[j] < candidates[i]) {
                    j++;
                }
                if (j < inName.length && inName[j] == candidates[i]) {
                    score[i] += 2;
                }
            }
        }
        return score;
    }

    /** Both ascending; the result is ascending and shares no array with the inputs unless it is one of them. */
    static int[] intersect(int[] small, int[] large) {
        if (small.length > large.length) {
            int[] swap = small;
            small = large;
            large = swap;
        }
        int[] out = new int[small.length];
        int count = 0;
        if ((long) small.length * 8 < large.length) {
            int from = 0;
            for (int value : small) {
                int at = Arrays.binarySearch(large, from, large.length, value);
                if (at >= 0) {
                    out[count++] = value;
                    from = at + 1;
                } else {
                    from = -at - 1;
                }
                if (from >= large.length) {
                    break;
                }
            }
        } else {
            int i = 0;
            int j = 0;
            while (i < small.length && j < large.length) {
                if (small[i] < large[j]) {
                    i++;
                } else if (small[i] > large[j]) {
                    j++;
                } else {
                    out[count++] = small[i];
                    i++;
                    j++;
                }
            }
        }
        return count == out.length ? out : Arrays.copyOf(out, count);
    }

    /** Posting lists under construction; ranks arrive in ascending order. */
    private static final class Postings {
        private final Map<String, IntList> lists = new HashMap<>();

        void addAll(Collection<String> keys, int rank) {
            for (String key : keys) {
                add(key, rank);
            }
        }

        void add(String key, int rank) {
            if (key != null) {
                lists.computeIfAbsent(key, k -> new IntList()).add(rank);
            }
        }

        Map<String, int[]> build() {
            Map<String, int[]> built = new HashMap<>(lists.size() * 2);
            lists.forEach((key, list) -> built.put(key, list.toArray()));
            return built;
        }
    }

    private static final class IntList {
        private int[] values = new int[4];
        private int size;

        /** Ascending and distinct: a rank already last is not added again. */
        void add(int value) {
            if (size > 0 && values[size - 1] == value) {
                return;
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** The smallest keys of a sequence, ascending, kept on a bounded max-heap of primitives. */
    static final class TopKeys {

        @FunctionalInterface
        interface KeyAt {
            long key(int index);
        }

        private TopKeys() {
        }

        /** The {@code k} smallest of {@code count} distinct keys, ascending (fewer when there are fewer). */
        static long[] smallest(int count, int k, KeyAt keys) {
            if (k <= 0) {
                return new long[0];
            }
            if (k >= count) {
                long[] everything = new long[count];
                for (int i = 0; i < count; i++) {
                    everything[i] = keys.key(i);
                }
                Arrays.sort(everything);
                return everything;
            }
            long[] heap = new long[k];
            for (int i = 0; i < k; i++) {
                heap[i] = keys.key(i);
            }
            for (int i = k / 2 - 1; i >= 0; i--) {
                siftDown(heap, i, k);
            }
            for (int i = k; i < count; i++) {
                long key = keys.key(i);
                if (key < heap[0]) {
                    heap[0] = key;
                    siftDown(heap, 0, k);
                }
            }
            Arrays.sort(heap);
            return heap;
        }

        private static void siftDown(long[] heap, int at, int size) {
            long value = heap[at];
            while (true) {
                int child = 2 * at + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && heap[child + 1] > heap[child]) {
                    child++;
                }
                if (heap[child] <= value) {
                    break;
                }
                heap[at] = heap[child];
                at = child;
            }
            heap[at] = value;
        }
    }
}
