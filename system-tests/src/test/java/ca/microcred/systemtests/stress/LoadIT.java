package ca.microcred.systemtests.stress;

import ca.microcred.systemtests.Actors;
import ca.microcred.systemtests.ServiceProcess;
import ca.microcred.systemtests.SystemUnderTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 7, load: verification (by reference and by value) and catalogue search under sustained concurrent load,
 * the load generator running on the same machine: throughput, latency percentiles, errors and each service's RSS.
 */
class LoadIT {

    private static final String PROVIDER = "prov-stress-load";
    private static final int CLIENTS = 16;

    @Test
    void verificationAndCatalogueHoldSustainedLoad() throws Exception {
        SystemUnderTest system = StressSystem.get();
        Actors actors = StressSystem.actors();
        actors.registerAndAccredit(PROVIDER);
        String achievement = actors.publishAchievement(PROVIDER, "S5.6.4", "21211");
        String cohort = actors.scheduleCohort(PROVIDER, achievement, 10);
        String credentialId = actors.completeCohort(PROVIDER, achievement, cohort, List.of(
                Actors.learner("Émile Bouchard", "emile.bouchard@example.ca", true, true, List.of())), null)
                .getString("credentials[0].credentialId");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get(system.verification.baseUrl() + "/verifications/" + credentialId)
                .then().statusCode(200).body("verified", org.hamcrest.Matchers.equalTo(true)));
        byte[] credential = given().get(system.issuer.baseUrl() + "/credentials/" + credentialId)
                .then().statusCode(200).extract().asByteArray();

        Duration duration = Duration.ofSeconds(Stress.size(5, 60));
        String[] searches = {"donnees", "data", "science", "analyse", "cybersecurite"};
        List<String> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        run("verification by reference", duration, failures, rows, i -> HttpRequest.newBuilder(
                URI.create(system.verification.baseUrl() + "/verifications/" + credentialId)).GET().build());
        run("verification by value (eddsa-rdfc-2022)", duration, failures, rows, i -> HttpRequest.newBuilder(
                URI.create(system.verification.baseUrl() + "/verifications"))
                .header("Content-Type", "application/ld+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(credential)).build());
        run("catalogue search", duration, failures, rows, i -> HttpRequest.newBuilder(
                URI.create(system.registry.baseUrl() + "/catalogue?q=" + searches[i % searches.length]
                        + "&sort=relevance")).GET().build());
        StringBuilder rss = new StringBuilder("RSS after load:");
        for (ServiceProcess service : List.of(system.issuer, system.registry, system.verification, system.notification)) {
            rss.append(' ').append(service.name()).append(' ').append(service.rssKib() / 1024).append(" MiB;");
        }
        rows.add(rss.toString());
        Results.record(7, "Load", CLIENTS + " concurrent clients on this machine, " + duration.toSeconds()
                + " s per endpoint", String.join(" ", rows), failures);
        assertThat(failures).isEmpty();
    }

    private static void run(String name, Duration duration, List<String> failures, List<String> rows,
                            IntFunction<HttpRequest> requests) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4)).build();
        Latencies latencies = new Latencies();
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int client0 = c;
            clients.submit(() -> {
                int i = client0;
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> answer = client.send(requests.apply(i), HttpResponse.BodyHandlers.ofByteArray());
                        if (answer.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies.add((System.nanoTime() - start) / 1000);
                    i += CLIENTS;
                }
            });
        }
        clients.shutdown();
        if (!clients.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
            clients.shutdownNow();
            failures.add(name + ": clients did not finish");
        }
        int count = latencies.count();
        rows.add(String.format("%s: %.0f req/s, %s, %d errors;", name, count / (double) duration.toSeconds(),
                latencies.summary(), errors.get()));
        if (errors.get() > 0) {
            failures.add(name + ": " + errors.get() + " errors of " + count);
        }
    }
}
