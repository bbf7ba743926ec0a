package ca.microcred.systemtests.stress;

import ca.microcred.devstack.DevTokens;
import ca.microcred.systemtests.Actors;
import ca.microcred.systemtests.EventLog;
import ca.microcred.systemtests.SystemUnderTest;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 4, slow and failing receivers: of the employers subscribed to one micro-credential, 10% answer 500, 5%
 * hang past the webhook timeout, one is down for the whole run and comes back, the rest answer 204. Every
 * notification ends delivered or dead-lettered as the retry schedule says, and no receiver gets one twice.
 */
class ReceiversIT {

    private static final String PROVIDER = "prov-stress-receivers";

    private enum Behaviour { HEALTHY, FAILING, HANGING, DOWN_THEN_BACK }

    @Test
    void everyNotificationEndsDeliveredOrDeadLetteredAndNoneTwice() throws Exception {
        SystemUnderTest system = StressSystem.get();
        Actors actors = StressSystem.actors();
        int subscribers = Stress.size(20, 200);
        CountDownLatch releaseHung = new CountDownLatch(1);
        Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();
        Map<String, java.util.Set<String>> webhookIdsByPath = new ConcurrentHashMap<>();
        HttpServer receivers = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receivers.setExecutor(Executors.newCachedThreadPool());
        receivers.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            requestsByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (path.startsWith("/hanging/")) {
                awaitQuietly(releaseHung);
            }
            int status = path.startsWith("/failing/") ? 500 : 204;
            if (status == 204) {
                webhookIdsByPath.computeIfAbsent(path, p -> ConcurrentHashMap.newKeySet())
                        .add(exchange.getRequestHeaders().getFirst("webhook-id"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receivers.start();
        int downPort;
        try (ServerSocket reserved = new ServerSocket(0)) {
            downPort = reserved.getLocalPort();
        }
        HttpServer comesBack = null;
        try {
            actors.registerAndAccredit(PROVIDER);
            String achievement = actors.publishAchievement(PROVIDER, "S4.4.4", "21211");
            Map<String, Behaviour> behaviourBySubscription = new HashMap<>();
            Map<String, String> employerBySubscription = new HashMap<>();
            for (int i = 0; i < subscribers; i++) {
                Behaviour behaviour = i == 0 ? Behaviour.DOWN_THEN_BACK
                        : i % 10 == 1 ? Behaviour.FAILING : i % 20 == 2 ? Behaviour.HANGING : Behaviour.HEALTHY;
                String employer = "emp-stress-receiver-" + i;
                String url = behaviour == Behaviour.DOWN_THEN_BACK
                        ? "http://127.0.0.1:" + downPort + "/back/" + i
                        : "http://127.0.0.1:" + receivers.getAddress().getPort() + "/"
                        + behaviour.name().toLowerCase().replace("_", "-") + "/" + i;
                String id = actors.subscribe(employer, Map.of("achievementIds", List.of(achievement), "webhookUrl", url))
                        .getString("id");
                behaviourBySubscription.put(id, behaviour);
                employerBySubscription.put(id, employer);
            }
            String cohort = actors.scheduleCohort(PROVIDER, achievement, 5);
            actors.completeCohort(PROVIDER, achievement, cohort, List.of(
                    Actors.learner("Camille Pelletier", "camille.pelletier@example.ca", true, true, List.of())), null);

            // the down receiver returns after its first attempts failed, within the retry schedule
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> requestsByPath.keySet().stream().anyMatch(p -> p.startsWith("/healthy/")));
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
            comesBack = HttpServer.create(new InetSocketAddress("127.0.0.1", downPort), 0);
            comesBack.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                requestsByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                webhookIdsByPath.computeIfAbsent(path, p -> ConcurrentHashMap.newKeySet())
                        .add(exchange.getRequestHeaders().getFirst("webhook-id"));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            comesBack.start();

            Map<String, String> finalStatus = new HashMap<>();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                for (String subscription : behaviourBySubscription.keySet()) {
                    List<String> statuses = given().auth().oauth2(DevTokens.employer(employerBySubscription.get(subscription)))
                            .get(system.notification.baseUrl() + "/subscriptions/" + subscription + "/deliveries")
                            .then().statusCode(200).extract().jsonPath().getList("status");
                    finalStatus.put(subscription, statuses.size() == 1 ? statuses.get(0) : statuses.toString());
                }
                return finalStatus.values().stream().noneMatch(s -> s.equals("PENDING") || s.equals("[]"));
            });
            releaseHung.countDown();
            // late duplicates would arrive now
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);

            List<String> failures = new ArrayList<>();
            Map<Behaviour, Integer> delivered = new HashMap<>();
            Map<Behaviour, Integer> failed = new HashMap<>();
            List<String> failedDeliveryIds = new ArrayList<>();
            for (Map.Entry<String, Behaviour> entry : behaviourBySubscription.entrySet()) {
                String status = finalStatus.get(entry.getKey());
                Behaviour behaviour = entry.getValue();
                String expected = behaviour == Behaviour.FAILING || behaviour == Behaviour.HANGING ? "FAILED" : "DELIVERED";
                if (!expected.equals(status)) {
                    failures.add(behaviour + " subscription ended " + status + " instead of " + expected);
                }
                (status.equals("DELIVERED") ? delivered : failed).merge(behaviour, 1, Integer::sum);
                if (status.equals("FAILED")) {
                    JsonPath deliveries = given().auth().oauth2(DevTokens.employer(employerBySubscription.get(entry.getKey())))
                            .get(system.notification.baseUrl() + "/subscriptions/" + entry.getKey() + "/deliveries")
                            .then().extract().jsonPath();
                    failedDeliveryIds.add(deliveries.getString("[0].id"));
                    int attempts = deliveries.getList("[0].attempts").size();
                    if (attempts != StressSystem.ATTEMPTS) {
                        failures.add(behaviour + " delivery made " + attempts + " attempts, not " + StressSystem.ATTEMPTS);
                    }
                }
            }
            webhookIdsByPath.forEach((path, ids) -> {
                if (!path.startsWith("/hanging/") && ids.size() != 1) {
                    failures.add(path + " received " + ids.size() + " distinct notifications");
                }
            });
            long twice = requestsByPath.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("/healthy/") && e.getValue().get() != 1).count();
            if (twice > 0) {
                failures.add(twice + " healthy receivers got more than one request");
            }
            Map<String, Integer> deadLettered = EventLog.count(system.kafka.bootstrapServers(), "notifications.dlq",
                    null, failedDeliveryIds);
            long notDeadLetteredOnce = failedDeliveryIds.stream().filter(id -> deadLettered.getOrDefault(id, 0) != 1)
                    .count();
            if (notDeadLetteredOnce > 0) {
                failures.add(notDeadLetteredOnce + " failed deliveries not on notifications.dlq exactly once");
            }
            Results.record(4, "Slow and failing receivers", subscribers + " webhook subscriptions to one cohort: 10% "
                            + "answer 500, 5% hang past the 2 s timeout, 1 down then back; retry schedule "
                            + StressSystem.RETRY_SCHEDULE,
                    "delivered " + delivered + ", failed and dead-lettered " + failed + "; "
                            + requestsByPath.values().stream().mapToInt(AtomicInteger::get).sum() + " requests received",
                    failures);
            assertThat(failures).isEmpty();
        } finally {
            releaseHung.countDown();
            receivers.stop(0);
            if (comesBack != null) {
                comesBack.stop(0);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
