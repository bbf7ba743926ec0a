package ca.microcred.support.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** How the outbox relay finds and publishes pending events. */
@ConfigMapping(prefix = "microcred.outbox")
public interface OutboxConfig {

    /** Collections (in the service's own database) whose documents carry outbox entries. */
    @WithDefault("none")
    List<String> collections();

    /**
     * When false the relay publishes nothing: events stay pending in their documents. Fault tests use it to
     * hold events between "accepted" and "published".
     */
    @WithDefault("true")
    boolean enabled();

    /** How often the relay looks for pending events even when nobody woke it up. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Pause after start-up before the first scheduled round, so the outgoing channel is connected. */
    @WithDefault("2s")
    Duration initialDelay();

    /** Documents read per round from the store, and events handed over in memory published per round. */
    @WithDefault("500")
    int batchSize();

    /**
     * Events writers may hand over in memory ({@link OutboxRelay#wakeUp(java.util.List)}) ahead of the broker.
     * Beyond it a hand-over is refused and those events are published from the store; writers of large bursts
     * wait for room instead ({@link OutboxRelay#awaitHandOverRoom(int, Duration)}), so memory stays bounded.
     */
    @WithDefault("1000")
    int handOverCapacity();

    /** How long to wait for the broker to acknowledge a batch before trying again later. */
    @WithDefault("30s")
    Duration sendTimeout();
}
