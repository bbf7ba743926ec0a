package ca.microcred.notification.matching.service;

import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.notification.subscription.Subscription;
import ca.microcred.notification.subscription.repository.SubscriptionRepository;
import ca.microcred.notification.support.Subscriptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-memory match index and the store: what another instance writes is found after a poll, and what it changed
 * or deleted is never matched on its old state, even before this instance has polled.
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class IndexedSubscriptionsTest {

    private static final String HOOK = "http://127.0.0.1:9/hooks";

    @Inject
    IndexedSubscriptions index;

    @Inject
    SubscriptionRepository subscriptions;

    private static CohortFacts cohortOf(String achievement) {
        return new CohortFacts(achievement, "prov-x", "ON", Set.of(), Set.of(), Set.of("ONLINE"), Set.of("en"));
    }

    private List<String> matchingIds(String achievement) {
        return index.matching(cohortOf(achievement)).stream().map(s -> s.id).toList();
    }

    @Test
    void aSubscriptionStoredByAnotherInstanceMatchesAfterAPoll() {
        String achievement = "ach-" + UUID.randomUUID();
        Subscription elsewhere = new Subscription();
        elsewhere.id = UUID.randomUUID().toString();
        elsewhere.employerId = "emp-" + UUID.randomUUID();
        elsewhere.achievementIds = List.of(achievement);
        elsewhere.webhookUrl = HOOK;
        elsewhere.secret = "whsec_c2VjcmV0";
        elsewhere.createdAt = Instant.now();
        elsewhere.changedAt = elsewhere.createdAt;
        elsewhere.version = 1;
        subscriptions.persist(elsewhere);

        await().atMost(Duration.ofSeconds(15)).until(() -> matchingIds(achievement).equals(List.of(elsewhere.id)));
    }

    @Test
    void criteriaChangedByAnotherInstanceAreNeverMatchedInTheirOldForm() {
        String oldAchievement = "ach-" + UUID.randomUUID();
        String newAchievement = "ach-" + UUID.randomUUID();
        String id = Subscriptions.create("emp-" + UUID.randomUUID(), List.of(oldAchievement), HOOK).getString("id");
        assertEquals(List.of(id), matchingIds(oldAchievement));

        subscriptions.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("achievementIds", List.of(newAchievement)), Updates.inc(Subscription.VERSION, 1L),
                Updates.set(Subscription.CHANGED_AT, Instant.now())));

        assertTrue(matchingIds(oldAchievement).isEmpty(), "checked against the store before any poll");
        await().atMost(Duration.ofSeconds(15)).until(() -> matchingIds(newAchievement).equals(List.of(id)));
    }

    @Test
    void aSubscriptionDeletedByAnotherInstanceIsNotMatched() {
        String achievement = "ach-" + UUID.randomUUID();
        String id = Subscriptions.create("emp-" + UUID.randomUUID(), List.of(achievement), HOOK).getString("id");
        assertEquals(List.of(id), matchingIds(achievement));

        subscriptions.deleteById(id);

        assertTrue(matchingIds(achievement).isEmpty());
    }
}
