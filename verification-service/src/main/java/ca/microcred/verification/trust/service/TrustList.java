package ca.microcred.verification.trust.service;

import ca.microcred.contracts.events.ProviderAccreditationChanged;
import ca.microcred.verification.config.VerificationConfig;
import ca.microcred.verification.trust.TrustedIssuer;
import ca.microcred.verification.trust.repository.TrustListRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The national registry's accreditation decisions, one entry per provider. Every verification looks its issuer up
 * here, and there are few issuers, so answers are reused for {@code trust-list-cache-ttl}; a decision this instance
 * records clears them at once, and one recorded by another instance is seen within that time.
 */
@ApplicationScoped
public class TrustList {

    private static final int MAX_CACHED = 10_000;

    private final TrustListRepository entries;
    private final long ttlNanos;
    private final Map<String, Cached> byDid = new ConcurrentHashMap<>();
    private final Map<String, Cached> byProvider = new ConcurrentHashMap<>();
    /** Bumped by every recorded decision, so a look-up that raced with it does not cache what it read before. */
    private final AtomicLong generation = new AtomicLong();

    public TrustList(TrustListRepository entries, VerificationConfig config) {
        this.entries = entries;
        this.ttlNanos = config.trustListCacheTtl().toNanos();
    }

    private record Cached(Optional<TrustedIssuer> entry, long expires) {
    }

    public void accreditationChanged(String eventId, ProviderAccreditationChanged event) {
        boolean applied = entries.applyOnce(event.providerId(), eventId, entry -> entry.applyDecision(event));
        generation.incrementAndGet();
        byDid.clear();
        byProvider.clear();
        if (applied) {
            Log.infof("Recorded accreditation decision %s for provider %s (event %s)", event.state(), event.providerId(), eventId);
        } else {
            Log.debugf("Ignored redelivered accreditation event %s", eventId);
        }
    }

    /** The provider's entry, or empty when the registry never decided on it. */
    public Optional<TrustedIssuer> find(String providerId) {
        return providerId == null ? Optional.empty()
                : cached(byProvider, providerId, () -> entries.findByIdOptional(providerId));
    }

    /** The entry of the provider that issues under this DID, or empty when no provider uses it. */
    public Optional<TrustedIssuer> findByDid(String did) {
        return did == null ? Optional.empty()
                : cached(byDid, did, () -> entries.find("did", did).firstResultOptional());
    }

    private Optional<TrustedIssuer> cached(Map<String, Cached> cache, String key,
                                           Supplier<Optional<TrustedIssuer>> lookUp) {
        long now = System.nanoTime();
        Cached hit = cache.get(key);
        if (hit != null && now - hit.expires() < 0) {
            return hit.entry();
        }
        long before = generation.get();
        Optional<TrustedIssuer> found = lookUp.get();
        if (ttlNanos > 0 && generation.get() == before) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(key, new Cached(found, now + ttlNanos));
        }
        return found;
    }
}
