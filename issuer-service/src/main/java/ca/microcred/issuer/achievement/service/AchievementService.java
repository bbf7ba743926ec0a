package ca.microcred.issuer.achievement.service;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.AchievementPublished;
import ca.microcred.issuer.achievement.Achievement;
import ca.microcred.issuer.achievement.AchievementDefinition;
import ca.microcred.issuer.achievement.AchievementStatus;
import ca.microcred.issuer.achievement.FrameworkCheck;
import ca.microcred.issuer.achievement.repository.AchievementRepository;
import ca.microcred.issuer.provider.Violations;
import ca.microcred.issuer.provider.service.ProviderService;
import ca.microcred.support.outbox.OutboxEntry;
import ca.microcred.support.outbox.OutboxRelay;
import ca.microcred.support.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Drafts, edits and publishes micro-credential definitions. */
@ApplicationScoped
public class AchievementService {

    private static final String SOURCE = "/issuer-service";
    private static final int PUBLISH_ATTEMPTS = 5;

    private final AchievementRepository repository;
    private final ProviderService providers;
    private final EventCodec codec;
    private final OutboxRelay relay;

    public AchievementService(AchievementRepository repository, ProviderService providers, EventCodec codec,
                              OutboxRelay relay) {
        this.repository = repository;
        this.providers = providers;
        this.codec = codec;
        this.relay = relay;
    }

    /**
     * Records the draft after checking the references the request itself cannot: {@code stacksInto} must name
     * other existing achievements. All problems, the request's own and these, are answered together.
     */
    public Achievement create(String providerId, AchievementDefinition definition, Violations violations) {
        providers.get(providerId);
        String id = UUID.randomUUID().toString();
        checkStacks(id, definition, violations);
        violations.throwIfAny();
        Instant now = now();
        Achievement achievement = new Achievement(id, providerId, AchievementStatus.DRAFT, definition, 1, 0, now, now,
                null);
        repository.insert(achievement);
        return achievement;
    }

    public Achievement update(String providerId, String id, AchievementDefinition definition, Violations violations) {
        get(providerId, id);
        checkStacks(id, definition, violations);
        violations.throwIfAny();
        return repository.updateDefinition(providerId, id, definition, now())
                .orElseThrow(() -> ProblemException.notFound("Achievement", id));
    }

    /** The provider's achievement; another provider's achievement is reported as unknown. */
    public Achievement get(String providerId, String id) {
        return repository.find(id).filter(a -> a.providerId().equals(providerId))
                .orElseThrow(() -> ProblemException.notFound("Achievement", id));
    }

    public List<Achievement> list(String providerId, int offset, int limit) {
        providers.get(providerId);
        return repository.listByProvider(providerId, offset, limit);
    }

    /** Any achievement by id, for code that already checked who may see it. */
    public Optional<Achievement> find(String id) {
        return repository.find(id);
    }

    /** A published achievement, as the public catalogue shows it. */
    public Achievement getPublished(String id) {
        return repository.find(id).filter(Achievement::isPublished)
                .orElseThrow(() -> ProblemException.notFound("Achievement", id));
    }

    /**
     * Publishes the current revision and announces it with AchievementPublished in the same document update.
     * Publishing a revision that was already announced changes nothing and emits nothing.
     */
    public Achievement publish(String providerId, String id) {
        for (int attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
            Achievement current = get(providerId, id);
            if (current.isPublished() && current.publishedRevision() == current.revision()) {
                return current;
            }
            Instant now = now();
            EventEnvelope event = EventEnvelope.of(SOURCE, publishedEvent(current, now)).withTime(now);
            Optional<Achievement> published = repository.publish(current, now, OutboxEntry.of(event, codec));
            if (published.isPresent()) {
                relay.wakeUp();
                Log.infof("Published achievement %s (revision %d) of provider %s", id, current.revision(), providerId);
                return published.get();
            }
        }
        throw ProblemException.conflict("Achievement '" + id + "' is being changed concurrently; try again");
    }

    /** Public URL of an achievement: its Open Badges id. */
    public String publicUrl(String id) {
        return providers.publicBase() + "/achievements/" + id;
    }

    private AchievementPublished publishedEvent(Achievement a, Instant now) {
        AchievementDefinition d = a.definition();
        return new AchievementPublished(a.id(), a.providerId(), d.name(), d.description(), d.skills(),
                d.occupations(), d.sector(), d.deliveryMode().name(), d.selfPaced(), d.workloadHours(),
                d.languages(), d.level(), d.stacksInto(), FrameworkCheck.of(d), publicUrl(a.id()), now);
    }

    private void checkStacks(String id, AchievementDefinition definition, Violations violations) {
        List<String> stacks = definition.stacksInto();
        if (stacks == null || stacks.isEmpty()) {
            return;
        }
        Set<String> existing = repository.existing(stacks.stream().filter(s -> s != null).toList());
        for (int i = 0; i < stacks.size(); i++) {
            String target = stacks.get(i);
            if (target == null) {
                continue;
            }
            if (target.equals(id)) {
                violations.add("stacksInto[" + i + "]", "an achievement cannot stack into itself");
            } else if (!existing.contains(target)) {
                violations.add("stacksInto[" + i + "]", "no achievement '" + target + "' exists");
            }
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
