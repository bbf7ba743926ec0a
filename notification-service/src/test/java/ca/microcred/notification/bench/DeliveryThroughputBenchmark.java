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

            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
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
            // CPU used by this JVM (dispatcher, store, receiver and idle broker alike) says what a delivery costs
            // whatever else the machine runs; wall-clock rates drop as soon as other processes share the cores
            double cpuMsPerDelivery = (os.getProcessCpuTime() - cpuStart) / 1e6 / count;

            System.out.printf("%d webhook deliveries to a local receiver: all received in %.2f s (%.0f/s), all "
                            + "recorded DELIVERED in %.2f s (%.0f/s); %d requests, so %d repeated; load average %.1f "
                            + "on %d cores; %.2f ms of CPU per delivery, so %.0f/s if the JVM had the cores to itself%n",
                    count, receivedSeconds, count / receivedSeconds, recordedSeconds,
                    count / recordedSeconds, requests.get(), requests.get() - count, os.getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors(), cpuMsPerDelivery,
                    Runtime.getRuntime().availableProcessors() * 1000 / cpuMsPerDelivery);
            // a repeated request is a retry the log shows (an attempt that timed out while the receiver was slow
            // to answer, or a lease that expired before its outcome was recorded), never a second lease of one attempt
            java.util.Map<String, Long> retried = new java.util.TreeMap<>();
            for (Delivery delivery : deliveries.list("subscriptionId", subscriptionId)) {
                if (delivery.attempts.size() > 1 || delivery.attemptCount > 1) {
                    retried.merge(delivery.attemptCount + " attempts, logged " + delivery.attempts.stream()
                            .map(a -> a.error == null ? String.valueOf(a.statusCode) : a.error).toList(), 1L, Long::sum);
                }
            }
            System.out.printf("deliveries attempted more than once: %s%n", retried);
            assertEquals(count, received.size());
        } finally {
            receiver.stop(0);
            receiverThreads.shutdownNow();
        }
    }
}
