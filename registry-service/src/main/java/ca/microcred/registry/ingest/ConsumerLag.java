package ca.microcred.registry.ingest;

import ca.microcred.contracts.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consumer lag and dead letters per consumed topic, as gauges an alert can watch:
 * {@code microcred_registry_consumer_lag{topic}} is the number of records on the topic that the service's consumer
 * group has not committed yet (end offsets minus committed offsets, summed over partitions), and
 * {@code microcred_registry_dead_letters{topic}} the number of records on the topic's dead-letter topic. Both come
 * from the broker, so they count what every instance of the service did, survive restarts, and keep reporting
 * when the consumer itself is stuck (which its own client metrics would not). Refreshed on a schedule and served
 * from memory, so a scrape never waits on the broker. A value of -1 means the broker could not be asked.
 */
@ApplicationScoped
public class ConsumerLag {

    static final List<String> TOPICS = List.of(Topics.PROVIDERS, Topics.ACHIEVEMENTS, Topics.COHORTS,
            Topics.CREDENTIALS);
    private static final long TIMEOUT_SECONDS = 10;
    private static final java.util.Set<String> ADMIN_SETTINGS = AdminClientConfig.configNames();

    private final Config config;
    private final Map<String, AtomicLong> lag = new HashMap<>();
    private final Map<String, AtomicLong> deadLetters = new HashMap<>();
    private volatile Admin admin;
    private volatile boolean closed;

    public ConsumerLag(Config config, MeterRegistry metrics) {
        this.config = config;
        for (String topic : TOPICS) {
            AtomicLong topicLag = new AtomicLong(-1);
            AtomicLong topicDeadLetters = new AtomicLong(-1);
            lag.put(topic, topicLag);
            deadLetters.put(topic, topicDeadLetters);
            Gauge.builder("microcred.registry.consumer.lag", topicLag, AtomicLong::get).tag("topic", topic)
                    .description("Records on the topic not yet committed by this service's consumer group")
                    .register(metrics);
            Gauge.builder("microcred.registry.dead.letters", topicDeadLetters, AtomicLong::get).tag("topic", topic)
                    .description("Records on the topic's dead-letter topic")
                    .register(metrics);
        }
    }

    @Scheduled(every = "${microcred.registry.lag.interval:15s}", delay = 1, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (closed) {
            return;
        }
        try {
            for (String topic : TOPICS) {
                lag.get(topic).set(lagOf(topic));
                deadLetters.get(topic).set(recordsOn(topic + ".dlq"));
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Log.warnf("Could not read consumer lag from the broker: %s", e.getMessage());
            lag.values().forEach(v -> v.set(-1));
            deadLetters.values().forEach(v -> v.set(-1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long lagOf(String topic) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        if (ends.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(groupOf(topic))
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long total = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            total += Math.max(0, end.getValue() - (done == null ? 0 : done.offset()));
        }
        return total;
    }

    /** Records ever written to the topic (dead-letter topics are never compacted). */
    private long recordsOn(String topic) throws ExecutionException, InterruptedException, TimeoutException {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<TopicPartition, Long> endOffsets(String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        TopicDescription description;
        try {
            description = admin().describeTopics(List.of(topic)).topicNameValues().get(topic)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Map.of(); // nothing was ever written to it
            }
            throw e;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin().listOffsets(request).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        result.forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private String groupOf(String topic) {
        return config.getOptionalValue("mp.messaging.incoming.\"" + topic + "\".group.id", String.class)
                .orElseGet(() -> config.getValue("quarkus.application.name", String.class));
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("The service is stopping");
                }
                if (admin == null) {
                    // the same connection settings (bootstrap servers, security) as the service's own clients
                    Properties properties = new Properties();
                    for (String name : config.getPropertyNames()) {
                        if (name.startsWith("kafka.") && ADMIN_SETTINGS.contains(name.substring("kafka.".length()))) {
                            config.getOptionalValue(name, String.class)
                                    .ifPresent(value -> properties.put(name.substring("kafka.".length()), value));
                        }
                    }
                    properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "registry-service-lag");
                    admin = Admin.create(properties);
                }
            }
        }
        return admin;
    }

    synchronized void close(@Observes ShutdownEvent shutdown) {
        closed = true;
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }
}
