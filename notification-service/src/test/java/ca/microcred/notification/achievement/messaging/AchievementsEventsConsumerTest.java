package ca.microcred.notification.achievement.messaging;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.notification.achievement.Achievement;
import ca.microcred.notification.achievement.repository.AchievementRepository;
import ca.microcred.notification.support.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class AchievementsEventsConsumerTest {

    @Inject
    AchievementRepository achievements;

    @Test
    void aPublishedAchievementIsKeptWithItsSkillsOccupationsAndLanguages() {
        String id = "ach-" + UUID.randomUUID();
        TestEvents.publish(TestEvents.achievement(id, "prov-a", "S5.6.1", "21211", "Data Analytics",
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));

        await().atMost(Duration.ofSeconds(30)).until(() -> achievements.findByIdOptional(id).isPresent());
        Achievement stored = achievements.findById(id);
        assertEquals("prov-a", stored.providerId);
        assertEquals(List.of("ESCO:S5.6.1"), stored.skills);
        assertEquals(List.of("21211"), stored.occupations);
        assertEquals(List.of("fr"), stored.languages);
        assertEquals("ONLINE", stored.deliveryMode);
        assertEquals("Data Analytics (fr)", stored.nameFr);
    }

    @Test
    void aRedeliveredOrOlderEventDoesNotReplaceTheNewestVersion() {
        String id = "ach-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventEnvelope newest = EventEnvelope.of(TestEvents.SOURCE,
                TestEvents.achievement(id, "prov-a", "S2", "21211", "Version two", now));
        EventEnvelope older = EventEnvelope.of(TestEvents.SOURCE,
                TestEvents.achievement(id, "prov-a", "S1", "21211", "Version one", now.minusSeconds(60)));
        String marker = "ach-marker-" + UUID.randomUUID();

        int partition = TestEvents.publish(newest);
        TestEvents.publish(older, partition);
        TestEvents.publish(newest, partition);
        TestEvents.publish(EventEnvelope.of(TestEvents.SOURCE,
                TestEvents.achievement(marker, "prov-a", "S9", "21211", "Marker", now)), partition);

        await().atMost(Duration.ofSeconds(30)).until(() -> achievements.findByIdOptional(marker).isPresent());
        Achievement stored = achievements.findById(id);
        assertEquals("Version two", stored.nameEn);
        assertEquals(List.of("ESCO:S2"), stored.skills);
        assertEquals(1, achievements.count("_id", id));
    }
}
