package ca.microcred.issuer.revocation.service;

import ca.microcred.issuer.revocation.repository.StatusIndexRepository;
import ca.microcred.issuer.revocation.repository.StatusIndexRepository.Stored;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * Hands out a provider's status list indexes: random, never the same one twice, across threads, instances and
 * restarts. Each call is one read and one compare-and-set of the provider's allocation document, retried on
 * the newer state when another writer got there first.
 */
@ApplicationScoped
public class StatusIndexes {

    /** Every lost race means another writer succeeded, so this bounds only a pathological pile-up. */
    static final int MAX_ATTEMPTS = 1_000;

    private final StatusIndexRepository repository;

    public StatusIndexes(StatusIndexRepository repository) {
        this.repository = repository;
    }

    /** {@code count} new indexes for the provider's credentials, in no particular order. */
    public int[] allocate(String providerId, int count) {
        if (count == 0) {
            return new int[0];
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Stored> stored = repository.find(providerId);
            IndexAllocation next = IndexAllocation.next(stored.map(Stored::allocated).orElse(null), count);
            Instant now = Instant.now();
            boolean written = stored.isEmpty()
                    ? repository.insert(providerId, next.allocated(), next.size(), next.taken(), now)
                    : repository.replace(providerId, stored.get().version(), next.allocated(), next.size(),
                            next.taken(), now);
            if (written) {
                return next.indexes();
            }
        }
        throw new IllegalStateException("Could not allocate status list indexes for provider " + providerId
                + " after " + MAX_ATTEMPTS + " attempts");
    }

    /** Entries in each of the provider's status lists. */
    public int listSize(String providerId) {
        return repository.size(providerId);
    }
}
