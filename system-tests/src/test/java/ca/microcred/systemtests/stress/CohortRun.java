package ca.microcred.systemtests.stress;

import ca.microcred.contracts.Topics;
import ca.microcred.devstack.DevTokens;
import ca.microcred.systemtests.Actors;
import ca.microcred.systemtests.EventLog;
import ca.microcred.systemtests.SystemUnderTest;
import ca.microcred.systemtests.WebhookReceiver;
import io.restassured.path.json.JsonPath;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * One provider's cohort completion through the whole system, and the promise checked afterwards: every credential
 * in the registry once, published once, verifiable by reference; the subscribed employer notified exactly once; the
 * audit chain intact. Scenarios 1-3 run it, undisturbed or with a fault injected while it is in flight.
 */
final class CohortRun {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final SystemUnderTest system;
    private final WebhookReceiver receiver;
    private final String webhookPath;
    private final String webhookSecret;
    private final String cohortId;
    private final int learners;
    private final String provider;
    private final String achievement;
    private long postedAt;
    private List<String> credentialIds;

    private CohortRun(SystemUnderTest system, WebhookReceiver receiver, String provider, String achievement,
                      String webhookPath, String webhookSecret, String cohortId, int learners) {
        this.system = system;
        this.provider = provider;
        this.achievement = achievement;
        this.receiver = receiver;
        this.webhookPath = webhookPath;
        this.webhookSecret = webhookSecret;
        this.cohortId = cohortId;
        this.learners = learners;
    }

    /**
     * Registers and accredits {@code provider}, publishes a micro-credential, subscribes an employer to it by webhook
     * at {@code webhookPath} of {@code receiver}, schedules a cohort of {@code learners} and posts its completion
     * (every tenth learner fails; every other one consents to employer contact).
     */
    static CohortRun start(SystemUnderTest system, Actors actors, WebhookReceiver receiver, String provider,
                           int learners) {
        return prepare(system, actors, receiver, provider, learners).post(actors);
    }

    /** Everything but the completion: provider, micro-credential, subscription, cohort. */
    static CohortRun prepare(SystemUnderTest system, Actors actors, WebhookReceiver receiver, String provider,
                             int learners) {
        actors.registerAndAccredit(provider);
        String achievement = actors.publishAchievement(provider, "S" + Math.abs(provider.hashCode() % 1000), "21211");
        String webhookPath = "/" + provider;
        String secret = actors.subscribe("emp-" + provider, Map.of("achievementIds", List.of(achievement),
                "webhookUrl", receiver.url(webhookPath))).getString("secret");
        String cohort = actors.scheduleCohort(provider, achievement, learners);
        return new CohortRun(system, receiver, provider, achievement, webhookPath, secret, cohort, learners);
    }

    /** Posts the cohort's results; the clock of the figures starts here. */
    CohortRun post(Actors actors) {
        List<Map<String, Object>> results = new ArrayList<>(learners);
        for (int i = 0; i < learners; i++) {
            results.add(Actors.learner(String.format("Élève %05d Lévesque", i),
                    String.format("eleve%05d.%s@example.ca", i, provider), i % 10 != 9, i % 2 == 0,
                    List.of("https://portfolio.example.ca/" + provider + "/" + i)));
        }
        postedAt = System.nanoTime();
        JsonPath accepted = actors.completeCohort(provider, achievement, cohortId, results, null);
        credentialIds = accepted.getList("credentials.credentialId");
        return this;
    }

    int passed() {
        return learners - learners / 10;
    }

    List<String> credentialIds() {
        return credentialIds;
    }

    /** Waits for the completion's every effect, checks it happened exactly once, and returns the figures. */
    String awaitAndCheck(Duration timeout, List<String> failures) throws Exception {
        if (credentialIds.size() != passed()) {
            failures.add(credentialIds.size() + " credentials accepted for " + passed() + " passed learners");
        }
        double toRegistry = awaitAll(timeout, id -> {
            HttpResponse<String> answer = get(system.registry.baseUrl() + "/credentials/" + id);
            return answer != null && answer.statusCode() == 200;
        });
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> !webhooks().isEmpty());
        double toWebhook = seconds(webhooks().get(0).receivedAtNanos());
        double toVerified = awaitAll(timeout, id -> {
            HttpResponse<String> answer = get(system.verification.baseUrl() + "/verifications/" + id);
            return answer != null && answer.statusCode() == 200 && JsonPath.from(answer.body()).getBoolean("verified");
        });

        // the outbox publishes at least once: an event whose acknowledgement was lost (broker outage, crash) is
        // sent again, and every consumer applies it once; nothing may be missing, and no record may be doubled
        Map<String, Integer> published = EventLog.count(system.kafka.bootstrapServers(), Topics.CREDENTIALS,
                EventLog.CREDENTIAL_ISSUED, credentialIds);
        long lost = credentialIds.stream().filter(id -> published.getOrDefault(id, 0) == 0).count();
        long republished = credentialIds.stream().filter(id -> published.getOrDefault(id, 0) > 1).count();
        if (lost > 0) {
            failures.add(lost + " credentials never published");
        }
        long doubled = credentialIds.stream().filter(id -> auditEntries(id) != 1).count();
        if (doubled > 0) {
            failures.add(doubled + " credentials with other than exactly one registry audit entry");
        }
        // a late duplicate would show up as a second webhook for the cohort
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        List<WebhookReceiver.Received> webhooks = webhooks();
        if (webhooks.size() != 1) {
            failures.add(webhooks.size() + " webhooks for the cohort instead of exactly one");
        } else if (!webhooks.get(0).signedWith(webhookSecret)) {
            failures.add("the webhook is not signed with the subscription secret");
        }
        JsonPath chain = JsonPath.from(given().auth().oauth2(DevTokens.operator())
                .get(system.registry.baseUrl() + "/operator/audit/verify").then().statusCode(200).extract().asString());
        if (!chain.getBoolean("intact")) {
            failures.add("audit chain broken at " + chain.getString("firstBrokenSeq") + ": " + chain.getString("reason"));
        }
        return String.format("%d credentials: all in the registry after %.1f s (%.0f/s), webhook after %.1f s, "
                        + "all verified by reference after %.1f s; %d republished by the outbox and applied once; "
                        + "%d audit entries intact=%s",
                credentialIds.size(), toRegistry, credentialIds.size() / toRegistry, toWebhook, toVerified,
                republished, chain.getLong("entries"), chain.getBoolean("intact"));
    }

    /** The registry's audit entries about one credential: exactly one when its record was created once. */
    private long auditEntries(String credentialId) {
        return given().auth().oauth2(DevTokens.operator()).queryParam("entityId", credentialId)
                .get(system.registry.baseUrl() + "/operator/audit").then().statusCode(200).extract().jsonPath()
                .getLong("total");
    }

    private List<WebhookReceiver.Received> webhooks() {
        return receiver.received(webhookPath).stream()
                .filter(r -> cohortId.equals(JsonPath.from(r.body()).getString("data.cohortId"))).toList();
    }

    /** Seconds from posting the completion until {@code done} holds for every credential. */
    private double awaitAll(Duration timeout, Predicate<String> done) {
        Set<String> remaining = ConcurrentHashMap.newKeySet();
        remaining.addAll(credentialIds);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                List<Future<?>> checks = new ArrayList<>();
                for (String id : List.copyOf(remaining)) {
                    checks.add(pool.submit(() -> {
                        if (done.test(id)) {
                            remaining.remove(id);
                        }
                    }));
                }
                for (Future<?> check : checks) {
                    check.get();
                }
                return remaining.isEmpty();
            });
        } finally {
            pool.shutdownNow();
        }
        return seconds(System.nanoTime());
    }

    private double seconds(long now) {
        return (now - postedAt) / 1e9;
    }

    /** The answer, or null while the service cannot be reached (a scenario may have stopped it). */
    private static HttpResponse<String> get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException unreachable) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
