package ca.microcred.issuer.bench;

import ca.microcred.credentials.jsonld.DirectCanonicalizer;
import ca.microcred.credentials.jsonld.JsonLdCanonicalizer;
import ca.microcred.credentials.keys.Ed25519KeyPair;
import ca.microcred.devstack.DevTokens;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.issuer.support.Completions;
import ca.microcred.issuer.support.Completions.Scheduled;
import ca.microcred.issuer.support.IssuerDatabase;
import ca.microcred.support.outbox.OutboxEntry;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.awaitility.Awaitility.await;

/**
 * Issues a 10,000-learner CSV completion through the service, once signed with eddsa-rdfc-2022 and once as VC-JWT,
 * and prints credentials per second (accept → every credential stored and every event published on the broker),
 * peak heap and RSS, and where the time went. Not part of the normal build (the name matches no test pattern); run
 * it with {@code ./mvnw -B -o -pl issuer-service test -Dtest=CompletionBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * <p>
 * The broker and the store (mongo-java-server, which scans instead of using secondary indexes) run in this same
 * JVM, so heap, RSS and the JVM's CPU time include them and the store's figures stand in for a real MongoDB. The
 * store keeps its documents on this heap, so each run's credentials are deleted once the run is measured.
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class CompletionBenchmark {

    private static final int LEARNERS = 10_000;
    /** Learners per format before the measured runs: with fewer, C2 is still compiling during them. */
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 30_000);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonFactory JSON = new JsonFactory();

    @TestHTTPResource("/completions")
    URI completionsUrl;

    @Inject
    MeterRegistry metrics;

    /** One credential of the first Data Integrity run, as stored. */
    private String sampleDataIntegrity;

    @Test
    void tenThousandCredentialsPerProofFormat() throws Exception {
        // warm-up: JIT, the JSON-LD context cache, the producer's connections
        // (completions of at most LEARNERS each, the size a request body may carry)
        for (int left = WARM_UP; left > 0; left -= LEARNERS) {
            run("eddsa-rdfc-2022", Math.min(left, LEARNERS), false);
            run("vc-jwt", Math.min(left, LEARNERS), false);
        }
        run("eddsa-rdfc-2022", LEARNERS, true);
        run("vc-jwt", LEARNERS, true);
        printCanonicaliseVersusSign();
    }

    private void run(String proofFormat, int learners, boolean print) throws Exception {
        Scheduled scheduled = Completions.schedule();
        byte[] csv = csv(learners);
        Map<String, Double> stagesBefore = stageSeconds();
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                LockSupport.parkNanos(20_000_000L);
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();

        // java.net.http and a streaming read of the id: the 202 lists every learner's links (megabytes for
        // 10,000), and a slow client-side parser would be counted as the service's accept time
        HttpRequest post = HttpRequest.newBuilder(URI.create(completionsUrl + "?cohortId=" + scheduled.cohortId()
                        + "&proofFormat=" + proofFormat))
                .header("Authorization", "Bearer " + DevTokens.provider(scheduled.providerId()))
                .header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build();
        Map<Long, ThreadCpu> threadsBefore = threadCpu();
        Map<String, ThreadCpu> nativeBefore = nativeThreadCpu();
        long processCpuBefore = processCpu();
        long started = System.nanoTime();
        HttpResponse<byte[]> response = HTTP.send(post, HttpResponse.BodyHandlers.ofByteArray());
        long accepted = System.nanoTime();
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /completions answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        String completionId = idOf(response.body());
        // the probes read two fields of the completion (its document lists every learner, megabytes for 10,000)
        // and count pending credentials only once the completion's own event is out: probing must not compete
        // with the service for the two cores
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                "COMPLETED".equals(progress(completionId).getString("status")));
        long stored = System.nanoTime();
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                !progress(completionId).getBoolean(OutboxEntry.PENDING));
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(200)).until(() ->
                IssuerDatabase.credentials().countDocuments(Filters.and(Filters.eq("completionId", completionId),
                        Filters.eq(OutboxEntry.PENDING, true))) == 0);
        long published = System.nanoTime();
        long processCpuUsed = processCpu() - processCpuBefore;
        Map<Long, ThreadCpu> threadsAfter = threadCpu();
        Map<String, ThreadCpu> nativeAfter = nativeThreadCpu();
        sampler.interrupt();
        sampler.join();
        if (sampleDataIntegrity == null && "eddsa-rdfc-2022".equals(proofFormat)) {
            sampleDataIntegrity = IssuerDatabase.credentials().find(Filters.eq("completionId", completionId))
                    .first().getString("json");
        }
        // the store runs in this JVM and keeps every document on its heap: a run's credentials are dropped once it
        // is measured, so each run's heap holds the store's copy of its own credentials only, whatever ran before
        IssuerDatabase.credentials().deleteMany(Filters.eq("completionId", completionId));
        IssuerDatabase.completions().deleteOne(Filters.eq("_id", completionId));
        if (!print) {
            return;
        }
        long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        Map<String, Double> stages = stageSeconds();
        stages.replaceAll((stage, seconds) -> seconds - stagesBefore.getOrDefault(stage, 0.0));
        double total = (published - started) / 1e9;
        System.out.printf("%n=== %,d learners, %s, %d cores ===%n", learners, proofFormat,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("accept (parse, validate, store the completion): %8.2f s  (202 body %,d bytes)%n",
                (accepted - started) / 1e9, response.body().length);
        System.out.printf("sign and store every credential:                %8.2f s%n", (stored - accepted) / 1e9);
        System.out.printf("publish the rest (outbox relay → Kafka):        %8.2f s%n", (published - stored) / 1e9);
        System.out.printf("total: %.2f s → %,.0f credentials/s (signed, stored and published)%n", total,
                learners / total);
        System.out.printf("CPU time of the whole JVM: %.2f s, %.0f µs per credential (service, broker, store and "
                + "this benchmark; at most %.0f s of CPU fit in the run's wall time on %d cores)%n",
                processCpuUsed / 1e9, processCpuUsed / 1e3 / learners, total * Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("CPU time by thread group (per credential):%n");
        cpuByGroup(threadsBefore, threadsAfter).forEach((group, nanos) -> System.out.printf("  %-40s %8.2f s  %8.1f µs%n",
                group, nanos / 1e9, nanos / 1e3 / learners));
        if (!nativeAfter.isEmpty()) {
            System.out.printf("CPU time by OS thread (/proc, 10 ms ticks; JIT compiler and GC threads included):%n");
            cpuByGroup(nativeBefore, nativeAfter).forEach((group, nanos) -> System.out.printf(
                    "  %-40s %8.2f s  %8.1f µs%n", group, nanos / 1e9, nanos / 1e3 / learners));
        }
        System.out.printf("CPU time per stage (summed over the signing threads; per credential):%n");
        stages.forEach((stage, seconds) -> System.out.printf("  %-6s %8.2f s  %8.1f µs%n", stage, seconds,
                seconds * 1e6 / learners));
        System.out.printf("peak heap used: sampled %,d MB, pools' peak sum %,d MB (max heap %,d MB)%n",
                peakHeap.get() >> 20, poolPeaks >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("process RSS: %s (the broker and store live in this JVM too)%n", rss());
    }

    /** The top-level {@code id} of the completion, read without building the body's tree. */
    private static String idOf(byte[] body) throws Exception {
        try (JsonParser parser = JSON.createParser(body)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("id".equals(field)) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
        }
        throw new IllegalStateException("The 202 body has no id");
    }

    private record ThreadCpu(String group, long nanos) {
    }

    /** CPU time of every live thread, grouped by name with the numbers taken out. */
    private static Map<Long, ThreadCpu> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, ThreadCpu> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), new ThreadCpu(info.getThreadName().replaceAll("\\d+", "N"), nanos));
                }
            }
        }
        return cpu;
    }

    /** CPU used per thread group between the snapshots (threads gone by the second one are not counted). */
    private static <K> Map<String, Long> cpuByGroup(Map<K, ThreadCpu> before, Map<K, ThreadCpu> after) {
        Map<String, Long> groups = new HashMap<>();
        after.forEach((id, now) -> {
            ThreadCpu then = before.get(id);
            groups.merge(now.group(), now.nanos() - (then == null ? 0 : then.nanos()), Long::sum);
        });
        Map<String, Long> sorted = new LinkedHashMap<>();
        groups.entrySet().stream().filter(e -> e.getValue() >= 10_000_000L)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /**
     * CPU time of every OS thread of this process, JIT compiler, GC and VM threads included (ThreadMXBean sees
     * only Java threads), by task id and start time; names are cut to 15 characters by the kernel. Empty off Linux.
     */
    private static Map<String, ThreadCpu> nativeThreadCpu() {
        Map<String, ThreadCpu> cpu = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // the name is in parentheses and may hold spaces; the numbered fields follow the last ')'
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    cpu.put(task.getFileName() + "@" + fields[19],
                            new ThreadCpu(name.replaceAll("\\d+", "N"), ticks * 10_000_000L));
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return cpu;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Document progress(String completionId) {
        return IssuerDatabase.completions().find(Filters.eq("_id", completionId))
                .projection(Projections.include("status", OutboxEntry.PENDING)).first();
    }

    /**
     * How the sign stage of one Data Integrity credential splits between RDFC-1.0 and Ed25519, with the canonical
     * form the issuer signs with ({@link DirectCanonicalizer}) next to the general titanium pipeline it falls back to.
     */
    private void printCanonicaliseVersusSign() throws Exception {
        ObjectNode credential = (ObjectNode) new ObjectMapper().readTree(sampleDataIntegrity);
        credential.remove("proof");
        int rounds = 300;
        String nquads = "";
        for (int i = 0; i < rounds; i++) {
            nquads = DirectCanonicalizer.shared().canonicalize(credential);
        }
        long started = System.nanoTime();
        for (int i = 0; i < rounds * 10; i++) {
            nquads = DirectCanonicalizer.shared().canonicalize(credential);
        }
        double direct = (System.nanoTime() - started) / 1e3 / (rounds * 10);
        started = System.nanoTime();
        String general = "";
        for (int i = 0; i < rounds; i++) {
            general = JsonLdCanonicalizer.shared().canonicalize(credential);
        }
        double titanium = (System.nanoTime() - started) / 1e3 / rounds;
        if (!general.equals(nquads)) {
            throw new IllegalStateException("The two canonical forms of the sample credential differ");
        }
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        byte[] message = nquads.getBytes(StandardCharsets.UTF_8);
        // what a proof signs: SHA-256 of the proof options followed by SHA-256 of the canonical document
        byte[] hashData = new byte[64];
        System.arraycopy(MessageDigest.getInstance("SHA-256").digest(message), 0, hashData, 32, 32);
        started = System.nanoTime();
        for (int i = 0; i < rounds * 10; i++) {
            key.sign(hashData);
        }
        double sign = (System.nanoTime() - started) / 1e3 / (rounds * 10);
        System.out.printf("%none eddsa-rdfc-2022 credential (%,d bytes of N-Quads, one thread): canonicalise %.0f µs "
                + "(the general titanium pipeline: %.0f µs, same N-Quads), Ed25519 signature of the 64 bytes of hashes %.0f µs; the proof options' "
                + "hash is computed once per batch (every credential of a batch has the same created second), so a "
                + "proof costs one canonicalisation and one signature%n", message.length, direct, titanium, sign);
    }

    private Map<String, Double> stageSeconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String stage : List.of("build", "sign", "event", "store")) {
            Timer timer = metrics.find("microcred.issuer.issuance.stage").tag("stage", stage).timer();
            seconds.put(stage, timer == null ? 0.0 : timer.totalTime(TimeUnit.SECONDS));
        }
        return seconds;
    }

    private static byte[] csv(int learners) {
        StringBuilder csv = new StringBuilder("email,name,passed,grade,evidence_urls,consent_employer_contact\n");
        for (int i = 0; i < learners; i++) {
            csv.append("apprenant.").append(i).append("@college-exemple.ca,Amélie-Françoise Tremblay ").append(i)
                    .append(",oui,87 %,https://portfolio.college-exemple.ca/apprenants/").append(i)
                    .append("/projet-integrateur,").append(i % 3 == 0 ? "oui" : "non").append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmHWM") || l.startsWith("VmRSS"))
                    .map(l -> l.replaceAll("\\s+", " "))
                    .reduce((a, b) -> a + ", " + b).orElse("n/a");
        } catch (Exception e) {
            return "n/a (" + e.getMessage() + ")";
        }
    }
}
