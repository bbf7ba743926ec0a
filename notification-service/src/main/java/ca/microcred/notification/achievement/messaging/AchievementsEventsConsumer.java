package ca.microcred.notification.achievement.messaging;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.AchievementPublished;
import ca.microcred.contracts.events.SkillAlignment;
import ca.microcred.notification.achievement.Achievement;
import ca.microcred.notification.achievement.repository.AchievementRepository;
import ca.microcred.notification.matching.service.CohortMatcher;
import ca.microcred.notification.matching.service.MatchKeys;
import ca.microcred.support.messaging.InboundEvents;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Keeps the achievement read model from achievements.events; transport lives in {@link InboundEvents}. */
@ApplicationScoped
public class AchievementsEventsConsumer {

    private final InboundEvents inbound;
    private final AchievementRepository achievements;
    private final CohortMatcher matcher;

    public AchievementsEventsConsumer(InboundEvents inbound, AchievementRepository achievements, CohortMatcher matcher) {
        this.inbound = inbound;
        this.achievements = achievements;
        this.matcher = matcher;
    }

    @Incoming(Topics.ACHIEVEMENTS)
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return inbound.process(message, this::handle);
    }

    void handle(EventEnvelope event) {
        switch (event.eventType()) {
            case ACHIEVEMENT_PUBLISHED -> onPublished(event, (AchievementPublished) event.data());
            default -> Log.debugf("Ignoring %s on %s", event.type(), Topics.ACHIEVEMENTS);
        }
    }

    private void onPublished(EventEnvelope event, AchievementPublished published) {
        Achievement achievement = new Achievement();
        achievement.id = published.achievementId();
        achievement.providerId = published.providerId();
        achievement.nameEn = published.name() == null ? null : published.name().en();
        achievement.nameFr = published.name() == null ? null : published.name().fr();
        List<String> skills = new ArrayList<>();
        List<String> skillNames = new ArrayList<>();
        if (published.skills() != null) {
            for (SkillAlignment skill : published.skills()) {
                if (skill != null && skill.framework() != null && skill.code() != null) {
                    skills.add(MatchKeys.skill(skill.framework(), skill.code()));
                    skillNames.add(skill.name() == null ? skill.code() : skill.name());
                }
            }
        }
        achievement.skills = skills;
        achievement.skillNames = skillNames;
        achievement.occupations = published.occupations() == null ? new ArrayList<>()
                : new ArrayList<>(published.occupations().stream().filter(Objects::nonNull).map(String::trim).toList());
        achievement.deliveryMode = published.deliveryMode();
        achievement.languages = published.languages() == null ? new ArrayList<>()
                : new ArrayList<>(new LinkedHashSet<>(published.languages().stream().filter(Objects::nonNull)
                .map(MatchKeys::language).toList()));
        achievement.publishedAt = published.publishedAt() != null ? published.publishedAt()
                : event.time() != null ? event.time() : Instant.now();
        achievement.eventId = event.id();
        boolean changed = achievements.storeIfNewer(achievement);
        Log.debugf("Achievement %s %s", achievement.id, changed ? "stored" : "unchanged (a newer version is held)");
        // cohorts that completed before this event arrived are matched on skills and occupations now
        matcher.onAchievementKnown(achievement.id);
    }
}
