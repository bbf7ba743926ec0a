package ca.microcred.registry.catalogue.service;

import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.contracts.events.Province;
import ca.microcred.registry.catalogue.CatalogueEntry;
import ca.microcred.registry.catalogue.CatalogueSearch;
import ca.microcred.registry.catalogue.SearchTerms;
import ca.microcred.registry.catalogue.repository.CatalogueRepository;
import ca.microcred.registry.provider.Provider;
import ca.microcred.registry.support.RegistryFixtures;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The posting-list index must answer exactly like a scan of every entry with a full sort: same total, same page in
 * the same order, same scores. Random catalogues (small vocabularies, repeated dates and workloads, so ties are
 * common) are searched with random criteria and compared with such a scan; the seed is in the test's name.
 */
class SearchIndexTest {

    private static final String[] WORDS = {"données", "donnees", "data", "sécurité", "safety", "soudage", "welding",
            "cloud", "gestion", "projets", "projet", "réseau", "cœur", "métier"};
    private static final String[] SKILLS = {"ESCO:S1", "ESCO:S2", "esco:S3", "NOC:22310", "NOC:72106", "ONET:15-1252"};
    private static final String[] OCCUPATIONS = {"72106", "22310", "41200"};
    private static final String[] MODES = {"ONLINE", "IN_PERSON", "HYBRID"};
    private static final String[] LANGUAGES = {"en", "fr", "fr-CA", "iu"};
    private static final Double[] WORKLOADS = {null, 5.0, 10.0, 12.5, 30.0, 40.0, 120.0};
    private static final String[] PROVINCES = {"QC", "ON", "BC", "NL"};
    private static final State[] STATES = {State.ACCREDITED, State.ACCREDITED, State.ACCREDITED, State.PENDING,
            State.SUSPENDED};
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    static LongStream seeds() {
        return LongStream.range(0, 150);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void answersLikeAScanOfEveryEntry(long seed) {
        Random random = new Random(seed);
        List<IndexedEntry> entries = catalogue(random, random.nextInt(400));
        SearchIndex index = SearchIndex.of(entries, 1);
        for (int q = 0; q < 60; q++) {
            CatalogueSearch search = query(random);
            CatalogueIndex.Hits expected = Scan.search(entries, search);
            CatalogueIndex.Hits actual = index.search(search);
            String context = "seed " + seed + ", query " + q + ": " + search;
            assertEquals(expected.total(), actual.total(), context);
            assertEquals(expected.entries().stream().map(CatalogueEntry::id).toList(),
                    actual.entries().stream().map(CatalogueEntry::id).toList(), context);
            assertEquals(expected.scores(), actual.scores(), context);
        }
    }

    @Test
    void hidesEntriesOfProvidersThatAreNotAccredited() {
        Provider accredited = provider("p1", State.ACCREDITED, "QC");
        Provider pending = provider("p2", State.PENDING, "QC");
        List<IndexedEntry> entries = List.of(
                entry(RegistryFixtures.achievement("shown", "p1").build(), accredited, 1),
                entry(RegistryFixtures.achievement("hidden", "p2").build(), pending, 1),
                entry(RegistryFixtures.achievement("unknown-provider", "p3").build(), null, 1));
        CatalogueIndex.Hits hits = SearchIndex.of(entries, 1).search(new CatalogueSearch(SearchTerms.of("safety"),
                List.of(), null, null, null, null, null, null, null, null, null, CatalogueSearch.Sort.RELEVANCE, 0, 20));
        assertEquals(1, hits.total());
        assertEquals("shown", hits.entries().get(0).id());
    }

    @Test
    void intersectsSortedListsOfAnyLengths() {
        int[] large = new int[1000];
        for (int i = 0; i < large.length; i++) {
            large[i] = i * 3;
        }
        assertArrayEquals(new int[]{0, 3, 2997}, SearchIndex.intersect(new int[]{0, 1, 3, 2997, 2998}, large));
        assertArrayEquals(new int[]{6, 9}, SearchIndex.intersect(new int[]{4, 6, 8, 9}, new int[]{1, 6, 9, 12}));
        assertArrayEquals(new int[0], SearchIndex.intersect(new int[0], large));
    }

    @Test
    void topKeysAreTheSmallestInOrder() {
        long[] keys = {9, 3, 7, 1, 8, 2, 6};
        assertArrayEquals(new long[]{1, 2, 3}, SearchIndex.TopKeys.smallest(keys.length, 3, i -> keys[i]));
        assertArrayEquals(new long[]{1, 2, 3, 6, 7, 8, 9}, SearchIndex.TopKeys.smallest(keys.length, 20, i -> keys[i]));
        assertArrayEquals(new long[0], SearchIndex.TopKeys.smallest(keys.length, 0, i -> keys[i]));
    }

    private static List<IndexedEntry> catalogue(Random random, int size) {
        List<Provider> providers = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            providers.add(provider("prov-" + p, pick(random, STATES), pick(random, PROVINCES)));
        }
        List<IndexedEntry> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int p = random.nextInt(providers.size() + 1);
            Provider provider = p == providers.size() ? null : providers.get(p);
            var achievement = RegistryFixtures.achievement("ach-" + i, provider == null ? "prov-unknown" : provider.id())
                    .name(words(random, 1 + random.nextInt(3)), words(random, 1 + random.nextInt(3)))
                    .description(words(random, random.nextInt(8)), words(random, random.nextInt(8)))
                    .delivery(pick(random, MODES), random.nextBoolean())
                    .workload(pick(random, WORKLOADS))
                    .languages(random.nextBoolean() ? pick(random, LANGUAGES) : "en", pick(random, LANGUAGES))
                    .publishedAt(BASE.plus(random.nextInt(15), ChronoUnit.DAYS));
            for (int s = random.nextInt(3); s > 0; s--) {
                String[] skill = pick(random, SKILLS).split(":", 2);
                achievement.skill(skill[0], skill[1]);
            }
            if (random.nextInt(3) == 0) {
                achievement.occupations(pick(random, OCCUPATIONS));
            }
            if (random.nextInt(3) == 0) {
                achievement.stacksInto("cert-" + random.nextInt(3));
            }
            entries.add(entry(achievement.build(), provider, 1 + random.nextInt(3)));
        }
        return entries;
    }

    private static CatalogueSearch query(Random random) {
        List<String> terms = new ArrayList<>();
        for (int t = random.nextInt(4) - 1; t > 0; t--) {
            terms.add(random.nextInt(12) == 0 ? "zzunknown" : pick(random, WORDS));
        }
        List<String> skillKeys = new ArrayList<>();
        if (random.nextInt(4) == 0) {
            String[] skill = pick(random, SKILLS).split(":", 2);
            skillKeys.add(skill[0].toUpperCase() + ":" + skill[1]);
        }
        Double min = random.nextInt(4) == 0 ? pick(random, WORKLOADS) : null;
        Double max = random.nextInt(4) == 0 ? pick(random, WORKLOADS) : null;
        if (min != null && max != null && min > max) {
            Double swap = min;
            min = max;
            max = swap;
        }
        return new CatalogueSearch(SearchTerms.of(String.join(" ", terms)), skillKeys,
                random.nextInt(5) == 0 ? pick(random, OCCUPATIONS) : null,
                random.nextInt(6) == 0 ? "prov-" + random.nextInt(7) : null,
                random.nextInt(4) == 0 ? Province.valueOf(pick(random, PROVINCES)) : null,
                random.nextInt(4) == 0 ? DeliveryMode.valueOf(pick(random, MODES)) : null,
                random.nextInt(5) == 0 ? random.nextBoolean() : null,
                random.nextInt(5) == 0 ? pick(random, LANGUAGES).split("-")[0] : null,
                min, max, random.nextInt(5) == 0 ? random.nextBoolean() : null,
                pick(random, CatalogueSearch.Sort.values()), random.nextInt(4), 1 + random.nextInt(random.nextBoolean() ? 5 : 100));
    }

    private static IndexedEntry entry(ca.microcred.contracts.events.AchievementPublished achievement, Provider provider,
                                      long version) {
        Document document = CatalogueRepository.toDocument(achievement, provider).append("version", version);
        return IndexedEntry.of(document);
    }

    private static Provider provider(String id, State state, String province) {
        return new Provider(id, new LocalizedText("College " + id, "Collège " + id), null, null, province, "college",
                null, BASE, state, null, null, List.of(), 3);
    }

    private static String words(Random random, int count) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add(pick(random, WORDS));
        }
        return String.join(" ", words);
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** The reference: every entry checked one by one, all hits sorted, then paged. */
    private static final class Scan {

        static CatalogueIndex.Hits search(List<IndexedEntry> entries, CatalogueSearch s) {
            boolean byRelevance = s.sort() == CatalogueSearch.Sort.RELEVANCE && !s.terms().isEmpty();
            Comparator<IndexedEntry> newest = Comparator.comparing(IndexedEntry::publishedAt, Comparator.reverseOrder())
                    .thenComparing(IndexedEntry::id);
            Comparator<IndexedEntry> order;
            if (byRelevance) {
                order = Comparator.<IndexedEntry>comparingInt(e -> score(e, s.terms())).reversed().thenComparing(newest);
            } else if (s.sort() == CatalogueSearch.Sort.WORKLOAD) {
                order = Comparator.comparingDouble(IndexedEntry::workloadKey).thenComparing(IndexedEntry::id);
            } else {
                order = newest;
            }
            List<IndexedEntry> hits = entries.stream().filter(e -> matches(e, s)).sorted(order).toList();
            List<IndexedEntry> page = hits.subList(Math.min(s.page() * s.size(), hits.size()),
                    Math.min((s.page() + 1) * s.size(), hits.size()));
            return new CatalogueIndex.Hits(hits.size(), page.stream().map(IndexedEntry::entry).toList(),
                    byRelevance ? page.stream().map(e -> score(e, s.terms())).toList() : null);
        }

        private static boolean matches(IndexedEntry indexed, CatalogueSearch s) {
            CatalogueEntry e = indexed.entry();
            Double workload = e.workloadHours();
            return indexed.visible()
                    && indexed.terms().containsAll(s.terms())
                    && indexed.skillKeys().containsAll(s.skillKeys())
                    && (s.occupation() == null || indexed.occupationCodes().contains(s.occupation()))
                    && (s.providerId() == null || s.providerId().equals(e.providerId()))
                    && (s.province() == null || s.province().name().equals(e.province()))
                    && (s.deliveryMode() == null || s.deliveryMode().name().equals(e.deliveryMode()))
                    && (s.selfPaced() == null || s.selfPaced() == e.selfPaced())
                    && (s.language() == null || indexed.languageBases().contains(s.language()))
                    && (s.workloadMin() == null || workload != null && workload >= s.workloadMin())
                    && (s.workloadMax() == null || workload != null && workload <= s.workloadMax())
                    && (s.stackable() == null || s.stackable() == indexed.stackable());
        }

        private static int score(IndexedEntry e, List<String> terms) {
            int score = 0;
            for (String term : terms) {
                score += e.nameTerms().contains(term) ? 3 : 1;
            }
            return score;
        }
    }
}
