package ca.microcred.registry.catalogue.service;

import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.registry.catalogue.CatalogueEntry;
import org.bson.Document;

import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A catalogue entry with the fields search looks at, read once per version of its document.
 *
 * @param visible     the provider is accredited, so the entry may be shown
 * @param workloadKey sort key of the workload; entries without one sort last
 */
record IndexedEntry(String id, long version, CatalogueEntry entry, boolean visible, Set<String> terms,
                    Set<String> nameTerms, Set<String> skillKeys, Set<String> occupationCodes,
                    Set<String> languageBases, boolean stackable, double workloadKey, Date publishedAt) {

    static IndexedEntry of(Document d) {
        CatalogueEntry entry = CatalogueEntry.fromDocument(d);
        Object workloadKey = d.get("workloadKey");
        return new IndexedEntry(entry.id(), version(d), entry, entry.providerState() == State.ACCREDITED,
                set(d, "terms"), set(d, "nameTerms"), set(d, "skillKeys"), set(d, "occupationCodes"),
                set(d, "languageBases"), entry.stackable(),
                workloadKey instanceof Number n ? n.doubleValue() : Double.MAX_VALUE,
                d.getDate("publishedAt") == null ? new Date(0) : d.getDate("publishedAt"));
    }

    static long version(Document d) {
        return d.get("version") instanceof Number n ? n.longValue() : 0;
    }

    Double workloadHours() {
        return entry.workloadHours();
    }

    private static Set<String> set(Document d, String field) {
        return new LinkedHashSet<>(d.getList(field, String.class, List.of()));
    }
}
