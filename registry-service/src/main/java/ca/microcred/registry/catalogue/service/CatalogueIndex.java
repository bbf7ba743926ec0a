package ca.microcred.registry.catalogue.service;

import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.registry.catalogue.CatalogueEntry;
import ca.microcred.registry.catalogue.CatalogueSearch;
import ca.microcred.registry.catalogue.repository.CatalogueRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalogue's search index, held in memory and built from the service's own {@code catalogue} collection.
 *
 * <p>Why in memory: the catalogue is small by nature (one entry per published micro-credential, about 10,000 in
 * the whole country, a few megabytes), while a search combines an all-terms match over two languages, up to ten
 * filters, a relevance score, a total count and a page. In MongoDB that is a query plan over several multikey
 * indexes plus a count plus, for relevance, reading every hit's terms back to score it: tens of milliseconds on a
 * real server under 50 concurrent clients and seconds on a server without secondary indexes. Filtering and
 * scoring 10,000 entries already in the heap costs a few milliseconds of CPU at most and needs no extra
 * infrastructure (a search engine would be a second store to feed and operate). The collection stays the source of truth: the index
 * is rebuilt from it at start, refreshed from it after each write this instance makes, and reloaded on a schedule
 * ({@code microcred.registry.catalogue.refresh-interval}) so writes made by other instances of the service appear
 * too. An entry only ever replaces one with a lower document {@code version}, so refreshes racing each other or a
 * reload never bring back an older state.
 */
@ApplicationScoped
public class CatalogueIndex {

    private final CatalogueRepository catalogue;
    private final Map<String, Indexed> entries = new ConcurrentHashMap<>();

    public CatalogueIndex(CatalogueRepository catalogue, MeterRegistry metrics) {
        this.catalogue = catalogue;
        Gauge.builder("microcred.registry.catalogue.indexed", entries, Map::size)
                .description("Catalogue entries held in the in-memory search index")
                .register(metrics);
    }

    /** After the collection's indexes exist (observers of default priority run first). */
    void build(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 1000) StartupEvent start) {
        reload();
        Log.infof("Catalogue search index built with %d entries", entries.size());
    }

    /** Reads the whole collection again; picks up writes made by other instances. */
    @Scheduled(every = "${microcred.registry.catalogue.refresh-interval:30s}", delayed = "${microcred.registry.catalogue.refresh-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void reload() {
        catalogue.forEachDocument(this::put);
    }

    /** Re-reads one entry after this instance changed it. */
    public void refresh(String achievementId) {
        catalogue.findDocument(achievementId).ifPresent(this::put);
    }

    /** Re-reads a provider's entries after its facts were copied into them. */
    public void refreshProvider(String providerId) {
        catalogue.forEachDocumentOf(providerId, this::put);
    }

    /** Total number of hits and the requested page of them, with their relevance scores when ranked by it. */
    public record Hits(long total, List<CatalogueEntry> entries, List<Integer> scores) {
    }

    /**
     * Keeps only the best {@code (page + 1) * size} hits while scanning (a bounded heap), so the cost grows with the
     * number of matches, not with sorting them all: a one-word query matches most of the catalogue.
     */
    public Hits search(CatalogueSearch search) {
        boolean byRelevance = search.sort() == CatalogueSearch.Sort.RELEVANCE && !search.terms().isEmpty();
        Comparator<Scored> order;
        if (byRelevance) {
            order = Comparator.comparingInt(Scored::score).reversed()
                    .thenComparing(Scored::publishedAt, Comparator.reverseOrder()).thenComparing(Scored::id);
        } else if (search.sort() == CatalogueSearch.Sort.WORKLOAD) {
            order = Comparator.comparingDouble(Scored::workloadKey).thenComparing(Scored::id);
        } else {
            order = Comparator.comparing(Scored::publishedAt, Comparator.reverseOrder()).thenComparing(Scored::id);
        }
        int keep = (search.page() + 1) * search.size();
        PriorityQueue<Scored> best = new PriorityQueue<>(Math.min(keep, 1024) + 1, order.reversed());
        int total = 0;
        for (Indexed candidate : entries.values()) {
            if (!candidate.matches(search)) {
                continue;
            }
            total++;
            Scored scored = new Scored(candidate, byRelevance ? candidate.score(search.terms()) : 0);
            if (best.size() < keep) {
                best.add(scored);
            } else if (order.compare(scored, best.peek()) < 0) {
                best.poll();
                best.add(scored);
            }
        }
        List<Scored> top = new ArrayList<>(best);
        top.sort(order);
        int from = Math.min(search.page() * search.size(), top.size());
        List<Scored> page = top.subList(from, top.size());
        return new Hits(total, page.stream().map(hit -> hit.item().entry()).toList(),
                byRelevance ? page.stream().map(Scored::score).toList() : null);
    }

    private record Scored(Indexed item, int score) {
        String id() {
            return item.id();
        }

        Date publishedAt() {
            return item.publishedAt();
        }

        double workloadKey() {
            return item.workloadKey();
        }
    }

    private void put(Document document) {
        Indexed indexed = Indexed.of(document);
        entries.merge(indexed.id(), indexed, (old, candidate) -> candidate.version() >= old.version() ? candidate : old);
    }

    /** An entry with the fields search looks at, prepared once per version of the document. */
    private record Indexed(String id, long version, CatalogueEntry entry, boolean visible, Set<String> terms,
                           Set<String> nameTerms, Set<String> skillKeys, Set<String> occupationCodes,
                           Set<String> languageBases, boolean stackable, double workloadKey, Date publishedAt) {

        static Indexed of(Document d) {
            CatalogueEntry entry = CatalogueEntry.fromDocument(d);
            Object version = d.get("version");
            Object workloadKey = d.get("workloadKey");
            return new Indexed(entry.id(), version instanceof Number n ? n.longValue() : 0, entry,
                    entry.providerState() == State.ACCREDITED, set(d, "terms"), set(d, "nameTerms"),
                    set(d, "skillKeys"), set(d, "occupationCodes"), set(d, "languageBases"), entry.stackable(),
                    workloadKey instanceof Number n ? n.doubleValue() : Double.MAX_VALUE,
                    d.getDate("publishedAt") == null ? new Date(0) : d.getDate("publishedAt"));
        }

        boolean matches(CatalogueSearch s) {
            CatalogueEntry e = entry;
            Double workload = e.workloadHours();
            return visible
                    && terms.containsAll(s.terms())
                    && skillKeys.containsAll(s.skillKeys())
                    && (s.occupation() == null || occupationCodes.contains(s.occupation()))
                    && (s.providerId() == null || s.providerId().equals(e.providerId()))
                    && (s.province() == null || s.province().name().equals(e.province()))
                    && (s.deliveryMode() == null || s.deliveryMode().name().equals(e.deliveryMode()))
                    && (s.selfPaced() == null || s.selfPaced() == e.selfPaced())
                    && (s.language() == null || languageBases.contains(s.language()))
                    && (s.workloadMin() == null || workload != null && workload >= s.workloadMin())
                    && (s.workloadMax() == null || workload != null && workload <= s.workloadMax())
                    && (s.stackable() == null || s.stackable() == stackable);
        }

        /** A term in the name counts three, elsewhere one (every hit contains all terms somewhere). */
        int score(List<String> searched) {
            int score = 0;
            for (String term : searched) {
                score += nameTerms.contains(term) ? 3 : 1;
            }
            return score;
        }

        private static Set<String> set(Document d, String field) {
            return new HashSet<>(d.getList(field, String.class, List.of()));
        }
    }
}
