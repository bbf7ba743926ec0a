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

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
     * Reads the due deliveries in batches as large as the free in-flight slots (one query per batch rather than per
     * delivery), then takes each one's lease by id and revision; a delivery another instance took first is skipped.
     */
    private void startDueAttempts() {
        while (!stopping.get()) {
            int free = inFlight.availablePermits();
            if (free == 0) {
                // a finishing attempt sweeps again
                return;
            }
            Instant now = Instant.now();
            List<Delivery> due = deliveries.findDue(now, free);
            for (Delivery candidate : due) {
                if (stopping.get() || !inFlight.tryAcquire()) {
                    return;
                }
                Optional<Delivery> leased;
                try {
                    leased = deliveries.tryLease(candidate, now, lease);
                } catch (RuntimeException e) {
                    inFlight.release();
                    throw e;
                }
                if (leased.isPresent()) {
                    attempt(leased.get());
                } else {
                    inFlight.release();
                }
            }
            if (due.size() < free) {
                return;
            }
        }
    }

    private void attempt(Delivery delivery) {
        CompletableFuture<WebhookResponse> outcome;
        Instant started = Instant.now();
        try {
            Subscription subscription = subscriptions.findById(delivery.subscriptionId);
            if (subscription == null) {
                deliveries.cancel(delivery.id);
                Log.infof("Delivery %s cancelled: its subscription was deleted", delivery.id);
                inFlight.release();
                return;
            }
            Optional<String> refusal = subscription.channelOrDefault() == Subscription.Channel.EMAIL
                    ? Optional.empty() : targets.refusal(subscription.webhookUrl);
            if (subscription.channelOrDefault() == Subscription.Channel.EMAIL) {
                outcome = email.send(delivery, subscription);
            } else if (refusal.isPresent()) {
                outcome = CompletableFuture.completedFuture(new WebhookResponse(null, 0,
                        "webhook URL refused: " + refusal.get()));
            } else {
                outcome = client.post(subscription.webhookUrl,
                        headers(delivery, subscription.signingSecrets(started), started), delivery.payload);
            }
        } catch (RuntimeException e) {
            outcome = CompletableFuture.completedFuture(new WebhookResponse(null, 0, "not sent: " + e.getMessage()));
        }
        outcome.whenCompleteAsync((response, failure) -> {
            try {
                record(delivery, started, response);
            } catch (RuntimeException e) {
                // the lease expires and another sweep repeats the attempt; the receiver deduplicates by webhook-id
                Log.warnf("Could not record the outcome of delivery %s: %s", delivery.id, e.getMessage());
            } finally {
                inFlight.release();
                // sweep again once a batch worth of slots is free, not after every attempt: each sweep is a query
                if (inFlight.availablePermits() >= refillBatch) {
                    wakeUp();
                }
            }
        }, Infrastructure.getDefaultWorkerPool());
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

    private void record(Delivery delivery, Instant started, WebhookResponse response) {
        Instant now = Instant.now();
        var attempt = DeliveryRepository.attempt(started, response.statusCode(), response.latencyMs(), response.error());
        if (response.statusCode() != null) {
            latency.record(response.latencyMs(), TimeUnit.MILLISECONDS);
        }
        if (response.delivered()) {
            deliveries.recordDelivered(delivery, attempt, now);
            delivered.increment();
            Log.debugf("Delivery %s delivered on attempt %d", delivery.id, delivery.attemptCount);
            return;
        }
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
