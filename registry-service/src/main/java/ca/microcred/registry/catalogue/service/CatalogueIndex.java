package ca.microcred.registry.catalogue.service;

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

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The catalogue's search index, held in memory and built from the service's own {@code catalogue} collection.
 *
 * <p>Why in memory: the catalogue is small by nature (one entry per published micro-credential, about 10,000 in
 * the whole country, a few megabytes), while a search combines an all-terms match over two languages, up to ten
 * filters, a relevance score, a total count and a page. In MongoDB that is a query plan over several multikey
 * indexes plus a count plus, for relevance, reading every hit's terms back to score it: tens of milliseconds on a
 * real server under 50 concurrent clients and seconds on a server without secondary indexes. In the heap, posting
 * lists ({@link SearchIndex}) answer it from the rarest criterion in well under a millisecond and need no extra
 * infrastructure (a search engine would be a second store to feed and operate). The collection stays the source of
 * truth: the entries are read from it at start, after each write this instance makes, and on a schedule
 * ({@code microcred.registry.catalogue.refresh-interval}) so writes made by other instances of the service appear
 * too. An entry only ever replaces one with a lower document {@code version}, so refreshes racing each other or a
 * reload never bring back an older state.
 *
 * <p>The posting lists are immutable; a change to the entries counts as one more change, and the first search that
 * finds its index behind the count builds a new one (about ten milliseconds for 10,000 entries). A burst of
 * writes therefore costs one rebuild, not one per write, and writers never wait for the index.
 */
@ApplicationScoped
public class CatalogueIndex {

    private final CatalogueRepository catalogue;
    private final Map<String, IndexedEntry> entries = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private volatile SearchIndex index = SearchIndex.EMPTY;

    public CatalogueIndex(CatalogueRepository catalogue, MeterRegistry metrics) {
        this.catalogue = catalogue;
        Gauge.builder("microcred.registry.catalogue.indexed", entries, Map::size)
                .description("Catalogue entries held in the in-memory search index")
                .register(metrics);
    }

    /** After the collection's indexes exist (observers of default priority run first). */
    void build(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 1000) StartupEvent start) {
        reload();
        Log.infof("Catalogue search index built with %d entries (%d visible)", entries.size(), current().size());
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

    public Hits search(CatalogueSearch search) {
        return current().search(search);
    }

    private SearchIndex current() {
        SearchIndex current = index;
        return current.generation() == changes.get() ? current : rebuild();
    }

    private synchronized SearchIndex rebuild() {
        // read the count before the entries: a change counted after this is picked up by the next search
        long seen = changes.get();
        SearchIndex current = index;
        if (current.generation() != seen) {
            current = SearchIndex.of(entries.values(), seen);
            index = current;
        }
        return current;
    }

    /** A document at the version already held is the same state (every write increments it): nothing to do. */
    private void put(Document document) {
        IndexedEntry held = entries.get(document.getString("_id"));
        if (held != null && held.version() >= IndexedEntry.version(document)) {
            return;
        }
        IndexedEntry indexed = IndexedEntry.of(document);
        IndexedEntry kept = entries.merge(indexed.id(), indexed,
                (old, candidate) -> candidate.version() > old.version() ? candidate : old);
        if (kept == indexed) {
            changes.incrementAndGet();
        }
    }
}
