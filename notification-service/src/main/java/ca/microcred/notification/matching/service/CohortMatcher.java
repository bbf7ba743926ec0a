package ca.microcred.notification.matching.service;

import ca.microcred.contracts.EventCodec;
import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.notification.achievement.Achievement;
import ca.microcred.notification.achievement.repository.AchievementRepository;
import ca.microcred.notification.config.NotificationConfig;
import ca.microcred.notification.delivery.Delivery;
import ca.microcred.notification.delivery.DeliveryStatus;
import ca.microcred.notification.delivery.repository.DeliveryRepository;
import ca.microcred.notification.delivery.service.DeliveryDispatcher;
import ca.microcred.notification.digest.service.DigestService;
import ca.microcred.notification.matching.WaitingCohort;
import ca.microcred.notification.matching.mapping.CohortCompletedNotification;
import ca.microcred.notification.matching.repository.WaitingCohortRepository;
import ca.microcred.notification.subscription.Subscription;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a completed cohort into one pending delivery per matching subscription. Creating the delivery is the
 * claim that makes a (subscription, cohort) pair notified exactly once; sending happens later, off the consumer.
 */
@ApplicationScoped
public class CohortMatcher {

    private final IndexedSubscriptions subscriptions;
    private final AchievementRepository achievements;
    private final WaitingCohortRepository waitingCohorts;
    private final EventCodec codec;
    private final DeliveryRepository deliveries;
    private final DeliveryDispatcher dispatcher;
    private final DigestService digests;
    private final ObjectMapper json;
    private final String source;
    private final Counter created;

    public CohortMatcher(IndexedSubscriptions subscriptions, AchievementRepository achievements,
                         WaitingCohortRepository waitingCohorts, EventCodec codec, DeliveryRepository deliveries,
                         DeliveryDispatcher dispatcher, DigestService digests, ObjectMapper json, NotificationConfig config,
                         MeterRegistry metrics) {
        this.subscriptions = subscriptions;
        this.achievements = achievements;
        this.waitingCohorts = waitingCohorts;
        this.codec = codec;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.digests = digests;
        this.json = json;
        this.source = config.eventSource();
        this.created = metrics.counter("microcred.notification.matches");
    }

    /**
     * Immediate subscriptions get a delivery each; daily-digest ones collect the cohort into the digest of the day.
     *
     * @return the deliveries this call created; a redelivered event creates none
     */
    public List<String> onCohortCompleted(EventEnvelope event, CohortCompleted cohort) {
        Optional<Achievement> achievement = cohort.achievementId() == null ? Optional.empty()
                : achievements.findByIdOptional(cohort.achievementId());
        List<String> claimed = match(event, cohort, achievement);
        if (achievement.isEmpty() && cohort.achievementId() != null) {
            WaitingCohort waiting = new WaitingCohort();
            waiting.id = cohort.cohortId();
            waiting.achievementId = cohort.achievementId();
            waiting.headers = codec.binaryHeaders(event);
            waiting.data = new String(codec.encodeData(cohort), StandardCharsets.UTF_8);
            waiting.waitingSince = Instant.now();
            waitingCohorts.park(waiting);
            Log.infof("Cohort %s waits for micro-credential %s: skill and occupation criteria match once it is known",
                    cohort.cohortId(), cohort.achievementId());
            // the micro-credential may have been stored between the read above and the park, and its consumer
            // may have looked for waiting cohorts before this one was parked: look again after parking
            if (achievements.findByIdOptional(cohort.achievementId()).isPresent()) {
                claimed.addAll(onAchievementKnown(cohort.achievementId()));
            }
        }
        return claimed;
    }

    /**
     * Matches again, now with its skills and occupations, every cohort that completed before the micro-credential
     * was known. Claims are per (subscription, cohort), so subscriptions that matched already get nothing twice.
     */
    public List<String> onAchievementKnown(String achievementId) {
        List<String> claimed = new ArrayList<>();
        Optional<Achievement> achievement = achievements.findByIdOptional(achievementId);
        if (achievement.isEmpty()) {
            return claimed;
        }
        for (WaitingCohort waiting : waitingCohorts.forAchievement(achievementId)) {
            EventEnvelope event = codec.decode(waiting.headers, waiting.data.getBytes(StandardCharsets.UTF_8));
            claimed.addAll(match(event, (CohortCompleted) event.data(), achievement));
            waitingCohorts.release(waiting.id);
        }
        return claimed;
    }

    private List<String> match(EventEnvelope event, CohortCompleted cohort, Optional<Achievement> achievement) {
        CohortFacts facts = CohortFacts.of(cohort, achievement);
        List<Subscription> matches = subscriptions.matching(facts);
        CohortCompletedNotification notification =
                CohortCompletedNotification.of(null, source, event.time(), cohort);
        Instant now = Instant.now();
        List<String> claimed = new ArrayList<>();
        int collected = 0;
        for (Subscription subscription : matches) {
            if (subscription.modeOrDefault() == Subscription.Mode.DAILY_DIGEST) {
                collected += digests.collect(subscription, event, notification.data(), now) ? 1 : 0;
                continue;
            }
            Delivery delivery = new Delivery();
            delivery.id = Delivery.idOf(subscription.id, cohort.cohortId());
            delivery.subscriptionId = subscription.id;
            delivery.employerId = subscription.employerId;
            delivery.cohortId = cohort.cohortId();
            delivery.achievementId = cohort.achievementId();
            delivery.eventId = event.id();
            delivery.status = DeliveryStatus.PENDING;
            delivery.payload = serialise(notification.withId(delivery.id));
            delivery.createdAt = now;
            delivery.nextAttemptAt = now;
            delivery.leaseUntil = DeliveryRepository.NO_LEASE;
            if (deliveries.claim(delivery)) {
                claimed.add(delivery.id);
            }
        }
        created.increment(claimed.size() + collected);
        Log.infof("Cohort %s (achievement %s) matched %d subscription(s); %d new deliveries, %d collected for digests",
                cohort.cohortId(), cohort.achievementId(), matches.size(), claimed.size(), collected);
        if (!claimed.isEmpty()) {
            dispatcher.wakeUp();
        }
        return claimed;
    }

    /**
     * Queues a sample notification for one subscription, so an employer can check its receiver or mailbox. It
     * travels like a real one (signature, retries, delivery log) and is marked by its cohort id {@code test-…}.
     */
    public String sendTest(Subscription subscription) {
        Instant now = Instant.now();
        String cohortId = "test-" + java.util.UUID.randomUUID();
        CohortCompleted sample = new CohortCompleted(cohortId, cohortId, "ach-sample",
                "prov-sample", new ca.microcred.contracts.events.LocalizedText("Sample micro-credential",
                "Microtitre d'exemple"), "ON", "ONLINE", "en", now, 1, 1, 1,
                List.of(new CohortCompleted.Graduate("Sample Graduate", "graduate@example.ca", List.of(),
                        "cred-sample", "https://verify.microcred.ca/verifications/cred-sample")));
        Delivery delivery = new Delivery();
        delivery.id = Delivery.idOf(subscription.id, cohortId);
        delivery.subscriptionId = subscription.id;
        delivery.employerId = subscription.employerId;
        delivery.cohortId = cohortId;
        delivery.achievementId = sample.achievementId();
        delivery.status = DeliveryStatus.PENDING;
        delivery.payload = serialise(CohortCompletedNotification.of(delivery.id, source, now, sample));
        delivery.createdAt = now;
        delivery.nextAttemptAt = now;
        delivery.leaseUntil = DeliveryRepository.NO_LEASE;
        deliveries.claim(delivery);
        dispatcher.wakeUp();
        return delivery.id;
    }

    private String serialise(CohortCompletedNotification notification) {
        try {
            return json.writeValueAsString(notification);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the notification " + notification.id(), e);
        }
    }
}
