package ca.microcred.notification.matching.service;

import ca.microcred.notification.config.NotificationConfig;
import ca.microcred.notification.subscription.Subscription;
import ca.microcred.notification.subscription.repository.SubscriptionRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the subscriptions a cohort matches through a {@link SubscriptionIndex} held in memory, and keeps that index
 * in step with the store.
 *
 * <p>Why in memory: matching must stay fast with hundreds of thousands of subscriptions whatever the store. A
 * multikey index on the match keys serves the look-up on MongoDB, but each cohort still fetches and decodes hundreds
 * of candidate documents (every subscription of a province, a language or a popular skill) to check them; held in
 * memory those checks cost microseconds, and the store is only asked for the current versions of the matches.
 *
 * <p>How it stays right:
 * <ul>
 *   <li>Loaded from the store (criteria only, by projection) when the service starts; matching waits for it.</li>
 *   <li>This instance applies its own changes as it makes them (create, update, pause, delete), so on a single
 *       instance the index is never behind the API.</li>
 *   <li>Other instances' changes arrive by a poll of subscriptions whose {@code changedAt} is recent (with an
 *       overlap that covers clock skew and writes in flight), applied only when their version is newer.</li>
 *   <li>The index only proposes: the stored versions of the matches it finds are read by id, and any whose
 *       version moved on is read again and checked against its stored criteria before anything is sent. A stale entry (updated or deleted by another instance and not
 *       polled yet) can therefore never cause a wrong notification; staleness can at worst delay a subscription
 *       created or widened on another instance by one poll interval.</li>
 *   <li>A periodic full reload drops subscriptions deleted by other instances that no cohort has touched since.</li>
 * </ul>
 */
@ApplicationScoped
public class IndexedSubscriptions {

    private final SubscriptionRepository subscriptions;
    private final Duration pollOverlap;
    private volatile SubscriptionIndex index;
    /** Changes at or after this instant (less the overlap) are read by the next poll. */
    private Instant pollFrom;

    public IndexedSubscriptions(SubscriptionRepository subscriptions, NotificationConfig config) {
        this.subscriptions = subscriptions;
        this.pollOverlap = config.subscriptionPollOverlap();
    }

    void load(@Observes StartupEvent start) {
        index();
    }

    /**
     * The active subscriptions whose stored criteria the cohort meets: the index proposes them, one look-up of their
     * stored versions confirms them, and the few whose version moved on are read again and checked once more.
     * Returned as the index holds them (criteria, owner, mode), without secrets or target.
     */
    public List<Subscription> matching(CohortFacts cohort) {
        SubscriptionIndex current = index();
        List<Subscription> proposed = current.matching(cohort);
        if (proposed.isEmpty()) {
            return List.of();
        }
        Map<String, Long> stored = subscriptions.versionsOf(proposed.stream().map(s -> s.id).toList());
        List<Subscription> matches = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        for (Subscription candidate : proposed) {
            Long version = stored.get(candidate.id);
            if (version == null) {
                current.forget(candidate.id);
            } else if (version == candidate.version) {
                matches.add(candidate);
            } else {
                moved.add(candidate.id);
            }
        }
        for (Subscription fresh : subscriptions.findIndexed(moved)) {
            current.apply(fresh);
            if (!fresh.paused && MatchKeys.matches(fresh, cohort)) {
                matches.add(fresh);
            }
        }
        return matches;
    }

    /**
     * Takes a subscription this instance just stored (created, updated, paused or resumed). Waits for a reload in
     * progress, so the change lands in the index that is swapped in.
     */
    public synchronized void changed(Subscription stored) {
        index().apply(stored);
    }

    /** Takes a subscription this instance just deleted. */
    public synchronized void deleted(Subscription subscription) {
        index().remove(subscription.id, subscription.version);
    }

    /** Reads the subscriptions other instances changed since the last poll. */
    @Scheduled(every = "${microcred.notification.subscription-poll-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void poll() {
        if (index == null) {
            return;
        }
        Instant started = Instant.now();
        int applied = 0;
        for (Subscription changed : subscriptions.changedSince(pollFrom.minus(pollOverlap))) {
            applied += index.apply(changed) ? 1 : 0;
        }
        pollFrom = started;
        if (applied > 0) {
            Log.debugf("Match index took %d subscription change(s) from the store", applied);
        }
    }

    @Scheduled(every = "${microcred.notification.index-reload-interval:1h}",
            delayed = "${microcred.notification.index-reload-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledReload() {
        reload();
    }

    /**
     * Builds a new index from the store and swaps it in; the old one serves meanwhile. Changes made while it loads
     * carry a later {@code changedAt}, so the next poll applies them.
     */
    synchronized void reload() {
        Instant started = Instant.now();
        long begin = System.nanoTime();
        SubscriptionIndex fresh = new SubscriptionIndex();
        subscriptions.forEachIndexed(fresh::apply);
        index = fresh;
        pollFrom = started;
        Log.infof("Match index loaded with %d subscriptions in %d ms", fresh.size(),
                (System.nanoTime() - begin) / 1_000_000);
    }

    private SubscriptionIndex index() {
        SubscriptionIndex current = index;
        if (current == null) {
            synchronized (this) {
                if (index == null) {
                    reload();
                }
                current = index;
            }
        }
        return current;
    }
}
