package ca.microcred.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Settings of notification-service, under {@code microcred.notification}. */
@ConfigMapping(prefix = "microcred.notification")
public interface NotificationConfig {

    /**
     * Whether a webhook may point at this machine ({@code http} or {@code https} on a loopback address). Off in
     * production, where a loopback target would let an employer make the service call its own internal endpoints;
     * on in dev, test and the local launcher, whose demo receiver listens on localhost.
     */
    @WithDefault("false")
    boolean allowLoopbackWebhooks();

    /**
     * How long one webhook attempt may take, from connecting to the receiver's status line. A slower receiver
     * counts as a failed attempt and is retried.
     */
    @WithDefault("10s")
    Duration webhookTimeout();

    /**
     * Delays between attempts after a failed one: the first retry waits the first delay, and so on. A delivery
     * gets one attempt more than there are delays, then is marked FAILED. The default spreads about 24 hours, so
     * a receiver that is down overnight still gets its notifications.
     */
    @WithDefault("5s,5m,30m,2h,5h,8h,8h")
    List<Duration> retrySchedule();

    /**
     * How often due deliveries are looked for: retries whose delay passed, and deliveries another instance
     * started but did not finish (a crash or restart). New deliveries are sent at once, without waiting for it.
     */
    @WithDefault("1s")
    Duration sweepInterval();

    /**
     * Webhook attempts in flight at once per instance. Deliveries beyond it wait in the store for the next sweep,
     * so a burst of matches never piles up unbounded work in memory.
     */
    @WithDefault("200")
    int maxInFlight();

    /** CloudEvents {@code source} of the notifications this service sends. */
    @WithDefault("https://microcred.ca/notification-service")
    String eventSource();

    /**
     * How often an instance reads the subscriptions other instances changed, to update its in-memory match index.
     * A subscription created or widened on another instance starts matching here at most this much later.
     */
    @WithDefault("2s")
    Duration subscriptionPollInterval();

    /**
     * How far back each poll looks beyond the previous one: covers clock differences between instances and writes
     * stamped just before they became visible. Reading a change twice is harmless.
     */
    @WithDefault("30s")
    Duration subscriptionPollOverlap();

    /**
     * How often the match index is rebuilt from the store, which forgets subscriptions deleted by other instances.
     */
    @WithDefault("1h")
    Duration indexReloadInterval();

    /** Local time of day when daily digests are sent, in {@link #digestZone()}. */
    @WithDefault("08:00")
    java.time.LocalTime digestTime();

    /** Time zone of the digest day and of {@link #digestTime()}. */
    @WithDefault("America/Toronto")
    java.time.ZoneId digestZone();

    /**
     * How many past days a digest run covers: a day whose digests were not sent (the service was down at digest
     * time) is sent at the next check, as long as it is within this many days.
     */
    @WithDefault("3")
    int digestCatchUpDays();

    /** How often the service checks whether a digest day is due. */
    @WithDefault("1m")
    Duration digestCheckInterval();
}
