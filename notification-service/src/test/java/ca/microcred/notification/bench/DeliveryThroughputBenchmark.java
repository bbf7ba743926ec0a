package ca.microcred.notification.bench;

import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.notification.delivery.Delivery;
import ca.microcred.notification.delivery.DeliveryStatus;
import ca.microcred.notification.delivery.repository.DeliveryRepository;
import ca.microcred.notification.delivery.service.DeliveryDispatcher;
import ca.microcred.notification.support.Subscriptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Webhook delivery throughput: N pending deliveries of one subscription, released at once, posted by the dispatcher
 * to a local receiver that answers 204. Prints deliveries per second as the receiver saw them and until every
 * outcome was recorded. Not part of the normal build (the name does not end in Test); run it with
 * {@code ./mvnw -B -o -pl notification-service test -Dtest=DeliveryThroughputBenchmark -Dbench.deliveries=5000}.
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class DeliveryThroughputBenchmark {

    @Inject
    DeliveryRepository deliveries;

    @Inject
    DeliveryDispatcher dispatcher;

    @Test
    void deliveriesPerSecondToALocalReceiver() throws Exception {
        int count = Integer.getInteger("bench.deliveries", 5_000);
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicLong requests = new AtomicLong();
        ExecutorService receiverThreads = Executors.newFixedThreadPool(16);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
            String subscriptionId = Subscriptions.create("emp-bench-" + UUID.randomUUID(), List.of("ach-bench"), url)
                    .getString("id");
            String batch = "bench-" + UUID.randomUUID();
            Instant later = Instant.now().plus(Duration.ofDays(1));
            String payload = "{\"specversion\":\"1.0\",\"type\":\"ca.microcred.notification.cohort-completed.v1\","
                    + "\"data\":{\"cohortId\":\"" + "x".repeat(400) + "\"}}";
            for (int i = 0; i < count; i++) {
                Delivery d = new Delivery();
                d.id = Delivery.idOf(subscriptionId, batch + "-" + i);
                d.subscriptionId = subscriptionId;
                d.employerId = "emp-bench";
                d.cohortId = batch + "-" + i;
                d.status = DeliveryStatus.PENDING;
                d.payload = payload;
                d.createdAt = Instant.now();
                d.nextAttemptAt = later;
                d.leaseUntil = DeliveryRepository.NO_LEASE;
                // created the way matching creates them
                deliveries.claim(d);
            }

            long start = System.nanoTime();
            deliveries.mongoCollection().updateMany(Filters.eq(Delivery.SUBSCRIPTION_ID, subscriptionId),
                    Updates.set(Delivery.NEXT_ATTEMPT_AT, Instant.now()));
            dispatcher.wakeUp();
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> received.size() == count);
            double receivedSeconds = (System.nanoTime() - start) / 1e9;
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                    deliveries.count("subscriptionId = ?1 and status = ?2", subscriptionId,
                            DeliveryStatus.DELIVERED) == count);
            double recordedSeconds = (System.nanoTime() - start) / 1e9;

            System.out.printf("%d webhook deliveries to a local receiver: all received in %.2f s (%.0f/s), all "
                            + "recorded DELIVERED in %.2f s (%.0f/s); %d requests, so %d repeated; load average %.1f "
                            + "on %d cores%n", count, receivedSeconds, count / receivedSeconds, recordedSeconds,
                    count / recordedSeconds, requests.get(), requests.get() - count,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            assertEquals(count, received.size());
        } finally {
            receiver.stop(0);
            receiverThreads.shutdownNow();
        }
    }
}
