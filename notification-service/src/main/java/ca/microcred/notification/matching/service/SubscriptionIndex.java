package ca.microcred.notification.matching.service;

import ca.microcred.notification.subscription.Subscription;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An inverted index of subscriptions held in memory: match key (see {@link MatchKeys}) to the subscriptions indexed
 * under it, plus each subscription's criteria, so matching a cohort costs a few hash look-ups and a check of the
 * few candidates instead of a query. Entries carry the subscription's version: a copy read from the store is only
 * applied when it is newer than what the index holds, so changes arriving out of order (a poll that read a
 * document before a local update) never bring back an older state.
 *
 * <p>Reads take a shared lock and writes an exclusive one, so a cohort never sees a subscription half re-indexed
 * (old keys removed, new ones not yet added).
 */
public final class SubscriptionIndex {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Set<String>> idsByKey = new HashMap<>();
    private final Map<String, Entry> entries = new HashMap<>();
    /** Versions of subscriptions deleted here, so a stale copy read before the deletion is not indexed again. */
    private final Map<String, Long> deleted = new HashMap<>();

    private record Entry(Subscription criteria, List<String> keys) {
    }

    /**
     * Indexes the subscription, or re-indexes it if this copy is newer than the one held.
     *
     * @return whether the index changed
     */
    public boolean apply(Subscription subscription) {
        Subscription criteria = criteriaOf(subscription);
        List<String> keys = MatchKeys.of(criteria);
        lock.writeLock().lock();
        try {
            Entry held = entries.get(criteria.id);
            if (held != null && held.criteria.version >= criteria.version) {
                return false;
            }
            Long deletedAt = deleted.get(criteria.id);
            if (deletedAt != null && deletedAt >= criteria.version) {
                return false;
            }
            if (held != null) {
                unindex(held);
            }
            for (String key : keys) {
                idsByKey.computeIfAbsent(key, k -> new HashSet<>()).add(criteria.id);
            }
            entries.put(criteria.id, new Entry(criteria, keys));
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets a deleted subscription; copies of it up to {@code version} are ignored from now on. */
    public void remove(String id, long version) {
        lock.writeLock().lock();
        try {
            deleted.merge(id, version, Math::max);
            Entry held = entries.remove(id);
            if (held != null) {
                unindex(held);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets a subscription the store no longer has, whatever its version. */
    public void forget(String id) {
        remove(id, Long.MAX_VALUE);
    }

    /**
     * The active subscriptions whose criteria the cohort meets, as indexed (copies holding criteria, owner, mode and
     * version); the stored state may be newer.
     */
    public List<Subscription> matching(CohortFacts cohort) {
        lock.readLock().lock();
        try {
            Set<String> candidates = new LinkedHashSet<>();
            for (String key : MatchKeys.of(cohort)) {
                Set<String> ids = idsByKey.get(key);
                if (ids != null) {
                    candidates.addAll(ids);
                }
            }
            List<Subscription> matches = new ArrayList<>();
            for (String id : candidates) {
                Subscription criteria = entries.get(id).criteria;
                if (!criteria.paused && MatchKeys.matches(criteria, cohort)) {
                    matches.add(criteria);
                }
            }
            return matches;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The version held for a subscription, or -1 when it is not indexed. */
    public long versionOf(String id) {
        lock.readLock().lock();
        try {
            Entry held = entries.get(id);
            return held == null ? -1 : held.criteria.version;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return entries.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void unindex(Entry held) {
        for (String key : held.keys) {
            Set<String> ids = idsByKey.get(key);
            if (ids != null) {
                ids.remove(held.criteria.id);
                if (ids.isEmpty()) {
                    idsByKey.remove(key);
                }
            }
        }
    }

    /**
     * What matching and claiming need of a subscription (criteria, owner, mode), and nothing else: in particular not
     * its signing secrets.
     */
    private static Subscription criteriaOf(Subscription s) {
        Subscription copy = new Subscription();
        copy.id = s.id;
        copy.employerId = s.employerId;
        copy.mode = s.modeOrDefault();
        copy.version = s.version;
        copy.paused = s.paused;
        copy.achievementIds = List.copyOf(orEmpty(s.achievementIds));
        copy.skills = List.copyOf(orEmpty(s.skills));
        copy.occupations = List.copyOf(orEmpty(s.occupations));
        copy.providerIds = List.copyOf(orEmpty(s.providerIds));
        copy.provinces = List.copyOf(orEmpty(s.provinces));
        copy.deliveryModes = List.copyOf(orEmpty(s.deliveryModes));
        copy.languages = List.copyOf(orEmpty(s.languages));
        copy.matchKeys = List.of();
        return copy;
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
