package ca.microcred.notification.delivery.service;

import ca.microcred.notification.config.NotificationConfig;
import ca.microcred.notification.delivery.Delivery;
import ca.microcred.notification.delivery.messaging.DeadLetters;
import ca.microcred.notification.email.EmailSender;
import ca.microcred.notification.delivery.repository.DeliveryRepository;
import ca.microcred.notification.subscription.Subscription;
import ca.microcred.notification.subscription.repository.SubscriptionRepository;
import ca.microcred.notification.webhook.WebhookClient;
import ca.microcred.notification.webhook.WebhookResponse;
import ca.microcred.notification.webhook.WebhookSigner;
import ca.microcred.notification.webhook.WebhookTargetPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends the webhooks of pending deliveries. Work is found in the store, never held only in memory: a sweep leases
 * the deliveries that are due (new ones, retries whose delay passed, and attempts an instance abandoned when it
 * stopped), posts them without blocking, and records each outcome. New deliveries wake a sweep at once; a
 * scheduled sweep catches everything else, which is also how pending work resumes after a restart.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    /** Most outcomes recorded by one bulk write. */
    private static final int RECORD_BATCH = 500;

    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final WebhookClient client;
    private final EmailSender email;
    private final DeadLetters deadLetters;
    private final WebhookTargetPolicy targets;
    private final List<Duration> retrySchedule;
    private final Duration lease;
    private final Duration longestAttempt;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final int refillBatch;
    private final ReentrantLock sweeping = new ReentrantLock();
    private final AtomicBoolean sweepRequested = new AtomicBoolean();
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Queue<DeliveryRepository.Delivered> answered = new ConcurrentLinkedQueue<>();
    /** Deliveries found due and not leased yet, oldest due first; used under {@link #sweeping} only. */
    private final Queue<Delivery> candidates = new ArrayDeque<>();
    private final int readAhead;
    private final AtomicBoolean recording = new AtomicBoolean();
    private final Counter delivered;
    private final Counter failedAttempts;
    private final Counter failed;
    private final Timer latency;

    public DeliveryDispatcher(DeliveryRepository deliveries, SubscriptionRepository subscriptions, WebhookClient client,
                              EmailSender email, DeadLetters deadLetters, WebhookTargetPolicy targets, NotificationConfig config, MeterRegistry metrics) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.client = client;
        this.email = email;
        this.deadLetters = deadLetters;
        this.targets = targets;
        this.retrySchedule = List.copyOf(config.retrySchedule());
        // the client bounds an attempt at twice the timeout; a lease outlives that comfortably, so it only expires
        // when its holder is gone
        this.longestAttempt = config.webhookTimeout().multipliedBy(2).plusSeconds(1);
        this.lease = config.webhookTimeout().multipliedBy(3).plusSeconds(10);
        this.maxInFlight = config.maxInFlight();
        this.inFlight = new Semaphore(maxInFlight);
        this.refillBatch = Math.max(1, maxInFlight / 4);
        this.readAhead = maxInFlight * 2;
        this.delivered = metrics.counter("microcred.notification.deliveries", "outcome", "delivered");
        this.failed = metrics.counter("microcred.notification.deliveries", "outcome", "failed");
        this.failedAttempts = metrics.counter("microcred.notification.webhook.attempts.failed");
        this.latency = metrics.timer("microcred.notification.webhook.latency");
    }

    /** Asks for a sweep soon, off the caller's thread; calls while one is queued collapse into one. */
    public void wakeUp() {
        if (!stopping.get() && wakeUpQueued.compareAndSet(false, true)) {
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                wakeUpQueued.set(false);
                sweep();
            });
        }
    }

    @Scheduled(every = "${microcred.notification.sweep-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        sweep();
    }

    /**
     * Starts an attempt for every due delivery, up to the in-flight limit. A request that arrives while another
     * thread sweeps makes that thread sweep once more, so no wake-up is lost.
     */
    void sweep() {
        sweepRequested.set(true);
        while (sweepRequested.get() && sweeping.tryLock()) {
            try {
                while (sweepRequested.getAndSet(false)) {
                    startDueAttempts();
                }
            } catch (RuntimeException e) {
                // the deliveries stay due in the store; the next sweep takes them
                Log.warnf("Delivery sweep failed, will retry: %s", e.getMessage());
            } finally {
                sweeping.unlock();
            }
        }
    }

    /**
     * Leases due deliveries in batches as large as the free in-flight slots, each batch in one bulk write (a
     * delivery another instance took first is skipped), and reads each batch's subscriptions in one look-up. The
     * due deliveries are read ahead, several batches at a time: a delivery found due stays due until someone
     * changes it, and any change raises its revision, so leasing a candidate read earlier is as safe as leasing
     * one read just now. A batch therefore costs two store round trips, and the due query runs once per
     * {@link #readAhead} deliveries, not once per batch.
     */
    private void startDueAttempts() {
        boolean freshlyRead = false;
        boolean readAll = false;
        while (!stopping.get()) {
            int free = inFlight.availablePermits();
            if (free == 0) {
                // a finishing attempt sweeps again
                return;
            }
            if (candidates.isEmpty()) {
                // stop when this sweep already read everything due, or everything just read was taken by other
                // sweepers; the next wake-up reads again
                if (readAll || freshlyRead) {
                    return;
                }
                List<Delivery> due = deliveries.findDue(Instant.now(), readAhead);
                candidates.addAll(due);
                readAll = due.size() < readAhead;
                if (candidates.isEmpty()) {
                    return;
                }
                freshlyRead = true;
            }
            List<Delivery> batch = new ArrayList<>(Math.min(free, candidates.size()));
            while (batch.size() < free && !candidates.isEmpty()) {
                batch.add(candidates.poll());
            }
            // only the sweeping thread takes slots, so the ones seen free are still free
            if (stopping.get() || !inFlight.tryAcquire(batch.size())) {
                candidates.addAll(batch);
                return;
            }
            List<Delivery> leased;
            try {
                leased = deliveries.leaseAll(batch, Instant.now(), lease);
            } catch (RuntimeException e) {
                inFlight.release(batch.size());
                candidates.clear();
                throw e;
            }
            inFlight.release(batch.size() - leased.size());
            if (!leased.isEmpty()) {
                freshlyRead = false;
            }
            start(leased);
        }
    }

    /** Starts the attempts of leased deliveries; each one holds an in-flight slot until its outcome is recorded. */
    private void start(List<Delivery> leased) {
        if (leased.isEmpty()) {
            return;
        }
        Map<String, Subscription> byId;
        RuntimeException lookupFailure = null;
        try {
            Set<String> ids = new HashSet<>();
            leased.forEach(delivery -> ids.add(delivery.subscriptionId));
            byId = subscriptions.findAllById(ids);
            deliveries.loadPayloads(leased);
        } catch (RuntimeException e) {
            byId = Map.of();
            lookupFailure = e;
        }
        // the target check resolves the host: once per URL and batch, right before its attempts
        Map<String, Optional<String>> refusals = new HashMap<>();
        for (Delivery delivery : leased) {
            if (lookupFailure != null) {
                finish(delivery, Instant.now(), CompletableFuture.completedFuture(
                        new WebhookResponse(null, 0, "not sent: " + lookupFailure.getMessage())));
            } else {
                attempt(delivery, byId.get(delivery.subscriptionId), refusals);
            }
        }
    }

    private void attempt(Delivery delivery, Subscription subscription, Map<String, Optional<String>> refusals) {
        CompletableFuture<WebhookResponse> outcome;
        Instant started = Instant.now();
        try {
            if (subscription == null) {
                deliveries.cancel(delivery.id);
                Log.infof("Delivery %s cancelled: its subscription was deleted", delivery.id);
                inFlight.release();
                return;
            }
            if (delivery.payload == null) {
                throw new IllegalStateException("its payload is missing from the store");
            }
            if (subscription.channelOrDefault() == Subscription.Channel.EMAIL) {
                outcome = email.send(delivery, subscription);
            } else {
                Optional<String> refusal = refusals.computeIfAbsent(String.valueOf(subscription.webhookUrl),
                        url -> targets.refusal(subscription.webhookUrl));
                outcome = refusal.isPresent()
                        ? CompletableFuture.completedFuture(new WebhookResponse(null, 0,
                                "webhook URL refused: " + refusal.get()))
                        : client.post(subscription.webhookUrl,
                                headers(delivery, subscription.signingSecrets(started), started), delivery.payload);
            }
        } catch (RuntimeException e) {
            outcome = CompletableFuture.completedFuture(new WebhookResponse(null, 0, "not sent: " + e.getMessage()));
        }
        finish(delivery, started, outcome);
    }

    /** Records the outcome when it comes, off the HTTP client's threads. */
    private void finish(Delivery delivery, Instant started, CompletableFuture<WebhookResponse> outcome) {
        outcome.whenCompleteAsync((response, failure) -> {
            WebhookResponse answer = response != null ? response
                    : new WebhookResponse(null, 0, "not sent: " + (failure == null ? "no answer" : failure.getMessage()));
            if (answer.statusCode() != null) {
                latency.record(answer.latencyMs(), TimeUnit.MILLISECONDS);
            }
            var attempt = DeliveryRepository.attempt(started, answer.statusCode(), answer.latencyMs(), answer.error());
            if (answer.delivered()) {
                answered.add(new DeliveryRepository.Delivered(delivery, attempt, Instant.now()));
                recordAnswered();
                return;
            }
            try {
                recordFailure(delivery, attempt, answer);
            } catch (RuntimeException e) {
                // the lease expires and another sweep repeats the attempt
                Log.warnf("Could not record the outcome of delivery %s: %s", delivery.id, e.getMessage());
            } finally {
                released(1);
            }
        }, Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Records the 2xx answers waiting in {@link #answered}, many per bulk write: while one thread writes, answers
     * arriving meanwhile queue up and go in its next write, so the store sees fewer, larger writes the busier the
     * receivers keep it.
     */
    private void recordAnswered() {
        while (!answered.isEmpty() && recording.compareAndSet(false, true)) {
            try {
                List<DeliveryRepository.Delivered> batch = new ArrayList<>();
                DeliveryRepository.Delivered next;
                while (batch.size() < RECORD_BATCH && (next = answered.poll()) != null) {
                    batch.add(next);
                }
                try {
                    deliveries.recordDelivered(batch);
                    delivered.increment(batch.size());
                } catch (RuntimeException e) {
                    // the leases expire and another sweep repeats the attempts; receivers deduplicate by webhook-id
                    Log.warnf("Could not record %d delivered notifications: %s", batch.size(), e.getMessage());
                } finally {
                    released(batch.size());
                }
            } finally {
                recording.set(false);
            }
        }
    }

    private void released(int slots) {
        inFlight.release(slots);
        // sweep again once a batch worth of slots is free, not after every attempt: each sweep is a query
        if (inFlight.availablePermits() >= refillBatch) {
            wakeUp();
        }
    }

    /** Standard Webhooks headers; during a rotation the signature header carries one signature per valid secret. */
    static Map<String, String> headers(Delivery delivery, List<String> secrets, Instant at) {
        long timestamp = at.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("webhook-id", delivery.id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        StringBuilder signatures = new StringBuilder();
        for (String secret : secrets) {
            signatures.append(signatures.length() == 0 ? "" : " ")
                    .append(WebhookSigner.sign(secret, delivery.id, timestamp, delivery.payload));
        }
        headers.put("webhook-signature", signatures.toString());
        return headers;
    }

    private void recordFailure(Delivery delivery, Document attempt, WebhookResponse response) {
        Instant now = Instant.now();
        failedAttempts.increment();
        Optional<Instant> next = delivery.attemptCount <= retrySchedule.size()
                ? Optional.of(now.plus(delay(retrySchedule.get(delivery.attemptCount - 1), response.retryAfter())))
                : Optional.empty();
        deliveries.recordFailure(delivery, attempt, next, now);
        if (next.isPresent()) {
            Log.infof("Delivery %s attempt %d failed (%s); next attempt at %s", delivery.id, delivery.attemptCount,
                    response.error(), next.get());
        } else {
            failed.increment();
            deadLetters.record(delivery, response.error(), now);
            Log.warnf("Delivery %s failed for good after %d attempts (%s)", delivery.id, delivery.attemptCount,
                    response.error());
        }
    }

    /**
     * The wait before the next attempt: the schedule's delay with ±20 % jitter, so receivers that failed together
     * are not all retried at the same instant, but never less than the receiver's Retry-After (capped at a day).
     */
    static Duration delay(Duration scheduled, Duration retryAfter) {
        double jitter = 0.8 + java.util.concurrent.ThreadLocalRandom.current().nextDouble() * 0.4;
        Duration delay = Duration.ofMillis(Math.round(scheduled.toMillis() * jitter));
        if (retryAfter != null) {
            Duration asked = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
            if (asked.compareTo(delay) > 0) {
                return asked;
            }
        }
        return delay;
    }

    /** Lets attempts in flight finish and record their outcome, so a clean shutdown repeats none of them. */
    void stop(@Observes ShutdownEvent shutdown) {
        stopping.set(true);
        try {
            if (inFlight.tryAcquire(maxInFlight, longestAttempt.toMillis(), TimeUnit.MILLISECONDS)) {
                inFlight.release(maxInFlight);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
