package ca.microcred.notification.digest.service;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.notification.config.NotificationConfig;
import ca.microcred.notification.delivery.Delivery;
import ca.microcred.notification.delivery.DeliveryStatus;
import ca.microcred.notification.delivery.repository.DeliveryRepository;
import ca.microcred.notification.delivery.service.DeliveryDispatcher;
import ca.microcred.notification.digest.DigestEntry;
import ca.microcred.notification.digest.mapping.CohortsDigestNotification;
import ca.microcred.notification.digest.repository.DigestEntryRepository;
import ca.microcred.notification.matching.mapping.CohortCompletedNotification;
import ca.microcred.notification.subscription.Subscription;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Daily digests. A daily-digest subscription does not get a notification per matched cohort: the cohort is
 * collected under the day it was matched (in the digest time zone), and once that day is over, at the digest time,
 * the subscription gets one message listing every cohort of the day, by its channel. Nothing is sent for a day
 * without matches.
 *
 * <p>Exactly one digest per (subscription, day): the digest is a {@link Delivery} whose id
 * {@code <subscriptionId>:digest-<day>} is claimed by a single insert, so a run repeated after a restart, or run by
 * two instances at once, creates it once; from there it travels, is retried and logged like any notification.
 */
@ApplicationScoped
public class DigestService {

    public static final String DIGEST_PREFIX = "digest-";

    private final DigestEntryRepository entries;
    private final DeliveryRepository deliveries;
    private final DeliveryDispatcher dispatcher;
    private final ObjectMapper json;
    private final String source;
    private final LocalTime digestTime;
    private final ZoneId zone;
    private final int catchUpDays;

    public DigestService(DigestEntryRepository entries, DeliveryRepository deliveries, DeliveryDispatcher dispatcher,
                         ObjectMapper json, NotificationConfig config) {
        this.entries = entries;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.json = json;
        this.source = config.eventSource();
        this.digestTime = config.digestTime();
        this.zone = config.digestZone();
        this.catchUpDays = Math.max(1, config.digestCatchUpDays());
    }

    /** The digest day a match made at {@code at} belongs to. */
    public LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    /**
     * Collects a matched cohort into the subscription's digest of the day.
     *
     * @return whether this call collected it; a redelivered event collects nothing
     */
    public boolean collect(Subscription subscription, EventEnvelope event, CohortCompletedNotification.Data cohort,
                           Instant now) {
        DigestEntry entry = new DigestEntry();
        entry.id = Delivery.idOf(subscription.id, cohort.cohortId());
        entry.subscriptionId = subscription.id;
        entry.employerId = subscription.employerId;
        entry.day = dayOf(now).toString();
        entry.cohortId = cohort.cohortId();
        entry.eventId = event.id();
        entry.matchedAt = now;
        entry.cohort = write(cohort);
        return entries.collect(entry);
    }

    /** Runs every digest day that is due and not run yet, catching up on days missed while the service was down. */
    @Scheduled(every = "${microcred.notification.digest-check-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runDueDays() {
        LocalDate latest = latestDueDay(Instant.now(), digestTime, zone);
        for (int back = catchUpDays - 1; back >= 0; back--) {
            LocalDate day = latest.minusDays(back);
            if (!entries.isRun(day.toString())) {
                run(day);
            }
        }
    }

    /**
     * The last day whose digests are due at {@code now}: yesterday once today's digest time has passed, the day
     * before otherwise.
     */
    public static LocalDate latestDueDay(Instant now, LocalTime digestTime, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate today = local.toLocalDate();
        return local.toLocalTime().isBefore(digestTime) ? today.minusDays(2) : today.minusDays(1);
    }

    /**
     * Creates the digest of the day for every subscription that collected cohorts that day, unless it exists.
     * Safe to repeat and to run on several instances at once.
     *
     * @return how many digests this call created
     */
    public int run(LocalDate day) {
        String dayText = day.toString();
        Instant now = Instant.now();
        int created = 0;
        for (String subscriptionId : entries.subscriptionsOf(dayText)) {
            String deliveryId = Delivery.idOf(subscriptionId, DIGEST_PREFIX + dayText);
            if (deliveries.findByIdOptional(deliveryId).isPresent()) {
                continue;
            }
            List<DigestEntry> collected = entries.entriesOf(subscriptionId, dayText);
            if (collected.isEmpty()) {
                continue;
            }
            List<CohortCompletedNotification.Data> cohorts = new ArrayList<>();
            List<String> cohortIds = new ArrayList<>();
            for (DigestEntry entry : collected) {
                cohorts.add(read(entry.cohort));
                cohortIds.add(entry.cohortId);
            }
            Delivery digest = new Delivery();
            digest.id = deliveryId;
            digest.subscriptionId = subscriptionId;
            digest.employerId = collected.get(0).employerId;
            digest.digestDay = dayText;
            digest.cohortIds = cohortIds;
            digest.status = DeliveryStatus.PENDING;
            digest.payload = write(CohortsDigestNotification.of(deliveryId, source, now,
                    new CohortsDigestNotification.Data(dayText, zone.getId(), cohorts)));
            digest.createdAt = now;
            digest.nextAttemptAt = now;
            digest.leaseUntil = DeliveryRepository.NO_LEASE;
            if (deliveries.claim(digest)) {
                created++;
            }
        }
        entries.markRun(dayText, Instant.now());
        if (created > 0) {
            dispatcher.wakeUp();
        }
        Log.infof("Digest run for %s (%s): %d digest(s) created", dayText, zone, created);
        return created;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a digest", e);
        }
    }

    private CohortCompletedNotification.Data read(String cohort) {
        try {
            return json.readValue(cohort, CohortCompletedNotification.Data.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable digest entry", e);
        }
    }
}
