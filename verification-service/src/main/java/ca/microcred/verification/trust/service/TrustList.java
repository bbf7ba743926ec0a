package ca.microcred.verification.trust.service;

import ca.microcred.contracts.events.ProviderAccreditationChanged;
import ca.microcred.verification.config.VerificationConfig;
import ca.microcred.verification.trust.TrustedIssuer;
import ca.microcred.verification.trust.repository.TrustListRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The national registry's accreditation decisions, one entry per provider. Every verification looks its issuer up
 * here. The list is one entry per provider, so it is held in memory whole: read from the database at the first
 * look-up, read again once it is older than {@code trust-list-cache-ttl} (one query for the whole list, never one
 * per verification), and read again at once after this instance records a decision, so that decision is seen by
 * the next verification; one recorded by another instance is seen within that time. The database stays the
 * durable copy.
 */
@ApplicationScoped
public class TrustList {

    private final TrustListRepository entries;
    private final long ttlNanos;
    /** Serialises reloads, so the last one published is the last one read (never an older read over a newer). */
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile Snapshot snapshot;

    public TrustList(TrustListRepository entries, VerificationConfig config) {
        this.entries = entries;
        this.ttlNanos = config.trustListCacheTtl().toNanos();
    }

    /** The whole list as read at one time, indexed both ways; never changed once published. */
    private record Snapshot(Map<String, TrustedIssuer> byProvider, Map<String, TrustedIssuer> byDid, long readAt) {
    }

    public void accreditationChanged(String eventId, ProviderAccreditationChanged event) {
        boolean applied = entries.applyOnce(event.providerId(), eventId, entry -> entry.applyDecision(event));
        // after the write: a verification that follows this event never sees the list as it was before
        if (ttlNanos > 0) {
            reloading.lock();
            try {
                snapshot = read();
            } finally {
                reloading.unlock();
            }
        }
        if (applied) {
            Log.infof("Recorded accreditation decision %s for provider %s (event %s)", event.state(), event.providerId(), eventId);
        } else {
            Log.debugf("Ignored redelivered accreditation event %s", eventId);
        }
    }

    /** The provider's entry, or empty when the registry never decided on it. */
    public Optional<TrustedIssuer> find(String providerId) {
        if (providerId == null) {
            return Optional.empty();
        }
        if (ttlNanos <= 0) {
            return entries.findByIdOptional(providerId);
        }
        return Optional.ofNullable(current().byProvider().get(providerId));
    }

    /** The entry of the provider that issues under this DID, or empty when no provider uses it. */
    public Optional<TrustedIssuer> findByDid(String did) {
        if (did == null) {
            return Optional.empty();
        }
        if (ttlNanos <= 0) {
            return entries.find("did", did).firstResultOptional();
        }
        return Optional.ofNullable(current().byDid().get(did));
    }

    /**
     * The list no older than the ttl. One caller reads it again when it is due; the others keep answering from
     * the previous read meanwhile rather than queue behind it (before the first read, they wait for it).
     */
    private Snapshot current() {
        Snapshot current = snapshot;
        if (current != null && System.nanoTime() - current.readAt() < ttlNanos) {
            return current;
        }
        if (current == null) {
            reloading.lock();
        } else if (!reloading.tryLock()) {
            return current;
        }
        try {
            Snapshot latest = snapshot;
            if (latest != current && latest != null && System.nanoTime() - latest.readAt() < ttlNanos) {
                return latest;
            }
            latest = read();
            snapshot = latest;
            return latest;
        } finally {
            reloading.unlock();
        }
    }

    private Snapshot read() {
        long readAt = System.nanoTime();
        Map<String, TrustedIssuer> byProvider = new HashMap<>();
        Map<String, TrustedIssuer> byDid = new HashMap<>();
        for (TrustedIssuer entry : entries.listAll()) {
            byProvider.put(entry.id, entry);
            if (entry.did != null) {
                // as the database look-up by DID did: the first entry found for a DID answers
                byDid.putIfAbsent(entry.did, entry);
            }
        }
        return new Snapshot(Map.copyOf(byProvider), Map.copyOf(byDid), readAt);
    }
}
