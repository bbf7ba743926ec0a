package ca.microcred.registry.catalogue.service;

import ca.microcred.contracts.events.AchievementPublished;
import ca.microcred.registry.audit.AuditTrail;
import ca.microcred.registry.catalogue.CatalogueEntry;
import ca.microcred.registry.catalogue.CatalogueSearch;
import ca.microcred.registry.catalogue.repository.CatalogueRepository;
import ca.microcred.registry.provider.Provider;
import ca.microcred.registry.provider.ProviderChanged;
import ca.microcred.registry.provider.service.ProviderService;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;

import java.util.List;
import java.util.Optional;

/**
 * The national catalogue: every published micro-credential, shown to the public once its provider is accredited.
 * Achievements and providers arrive on different topics in any order; an entry keeps the provider facts of the
 * newest provider version it has seen, and whichever side arrives second brings the entry up to date.
 */
@ApplicationScoped
public class CatalogueService {

    public static final String ENTITY_TYPE = "achievement";

    private static final int ATTEMPTS = 10;

    private final CatalogueRepository catalogue;
    private final ProviderService providers;
    private final AuditTrail audit;
    private final CatalogueIndex index;

    public CatalogueService(CatalogueRepository catalogue, ProviderService providers, AuditTrail audit,
                            CatalogueIndex index) {
        this.catalogue = catalogue;
        this.providers = providers;
        this.audit = audit;
        this.index = index;
    }

    /** Idempotent; an older definition delivered after a newer one is recorded as seen and changes nothing. */
    public void published(String eventId, AchievementPublished event) {
        boolean applied = apply(eventId, event);
        // a provider change that landed between reading the provider and writing the entry is picked up here
        providers.find(event.providerId()).ifPresent(p -> catalogue.syncProvider(p, event.achievementId()));
        index.refresh(event.achievementId());
        if (applied || !audit.recorded(eventId, event.achievementId())) {
            Document stored = catalogue.findDocument(event.achievementId()).orElseThrow();
            audit.append(eventId, ENTITY_TYPE, event.achievementId(), event.providerId(), auditedState(stored));
        }
        if (applied) {
            Log.debugf("Catalogue entry %s of provider %s (event %s)", event.achievementId(), event.providerId(), eventId);
        }
    }

    private boolean apply(String eventId, AchievementPublished event) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Document current = catalogue.findDocument(event.achievementId()).orElse(null);
            if (current != null && current.getList("appliedEventIds", String.class, List.of()).contains(eventId)) {
                return false;
            }
            if (current != null && current.getDate("publishedAt").toInstant().isAfter(event.publishedAt())) {
                if (catalogue.markSeen(current, eventId)) {
                    return false;
                }
                continue;
            }
            Provider provider = providers.find(event.providerId()).orElse(null);
            if (catalogue.write(current, eventId, event, provider)) {
                return true;
            }
        }
        throw new IllegalStateException("Catalogue entry " + event.achievementId()
                + " kept changing under concurrent writers; event " + eventId + " not applied");
    }

    void providerChanged(@Observes ProviderChanged change) {
        catalogue.syncProvider(change.provider(), null);
        index.refreshProvider(change.provider().id());
    }

    public CatalogueIndex.Hits search(CatalogueSearch search) {
        return index.search(search);
    }

    /** A published entry of an accredited provider. */
    public Optional<CatalogueEntry> findVisible(String achievementId) {
        return catalogue.find(achievementId)
                .filter(e -> e.providerState() == ca.microcred.contracts.events.ProviderAccreditationChanged.State.ACCREDITED);
    }

    /** The definition as published, without the bookkeeping fields that change when nothing was published. */
    private static Document auditedState(Document stored) {
        Document state = new Document(stored);
        for (String field : List.of("appliedEventIds", "version", "providerState", "province", "providerName",
                "providerVersion")) {
            state.remove(field);
        }
        return state;
    }
}
