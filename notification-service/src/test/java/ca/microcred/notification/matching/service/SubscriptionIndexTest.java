package ca.microcred.notification.matching.service;

import ca.microcred.notification.subscription.Subscription;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscriptionIndexTest {

    private static Subscription subscription(String id, long version, List<String> achievements, List<String> provinces) {
        Subscription s = new Subscription();
        s.id = id;
        s.version = version;
        s.achievementIds = achievements;
        s.provinces = provinces;
        s.secret = "whsec_never-indexed";
        return s;
    }

    private static CohortFacts cohort(String achievement, String province) {
        return new CohortFacts(achievement, "prov-x", province, Set.of(), Set.of(), Set.of("ONLINE"), Set.of("en"));
    }

    private static List<String> ids(List<Subscription> subscriptions) {
        return subscriptions.stream().map(s -> s.id).toList();
    }

    @Test
    void findsOnlySubscriptionsWhoseEveryCriterionIsMet() {
        SubscriptionIndex index = new SubscriptionIndex();
        index.apply(subscription("a-on", 1, List.of("ach-a"), List.of("ON")));
        index.apply(subscription("a-any", 1, List.of("ach-a"), List.of()));
        index.apply(subscription("on-only", 1, List.of(), List.of("ON")));
        index.apply(subscription("b", 1, List.of("ach-b"), List.of()));

        assertEquals(Set.of("a-on", "a-any", "on-only"), Set.copyOf(ids(index.matching(cohort("ach-a", "ON")))));
        assertEquals(List.of("a-any"), ids(index.matching(cohort("ach-a", "QC"))));
        assertTrue(index.matching(cohort("ach-c", "QC")).isEmpty());
        assertTrue(index.matching(cohort("ach-a", "ON")).stream().allMatch(s -> s.secret == null),
                "the index holds criteria, never secrets");
    }

    @Test
    void aNewerVersionReplacesTheKeysAndAnOlderOneIsIgnored() {
        SubscriptionIndex index = new SubscriptionIndex();
        index.apply(subscription("s", 1, List.of("ach-old"), List.of()));
        assertTrue(index.apply(subscription("s", 2, List.of("ach-new"), List.of())));

        assertTrue(index.matching(cohort("ach-old", "ON")).isEmpty());
        assertEquals(List.of("s"), ids(index.matching(cohort("ach-new", "ON"))));

        assertFalse(index.apply(subscription("s", 1, List.of("ach-old"), List.of())), "a stale copy changes nothing");
        assertTrue(index.matching(cohort("ach-old", "ON")).isEmpty());
        assertEquals(2, index.versionOf("s"));
    }

    @Test
    void pausedSubscriptionsAreNotProposed() {
        SubscriptionIndex index = new SubscriptionIndex();
        Subscription paused = subscription("s", 2, List.of("ach-a"), List.of());
        paused.paused = true;
        index.apply(paused);
        assertTrue(index.matching(cohort("ach-a", "ON")).isEmpty());
    }

    @Test
    void aDeletedSubscriptionIsNotBroughtBackByACopyReadBeforeTheDeletion() {
        SubscriptionIndex index = new SubscriptionIndex();
        index.apply(subscription("s", 3, List.of("ach-a"), List.of()));
        index.remove("s", 3);

        assertFalse(index.apply(subscription("s", 3, List.of("ach-a"), List.of())));
        assertTrue(index.matching(cohort("ach-a", "ON")).isEmpty());
        assertEquals(0, index.size());
    }
}
