package ca.microcred.registry;

import ca.microcred.contracts.EventEnvelope;
import ca.microcred.contracts.Topics;
import ca.microcred.contracts.events.AchievementPublished;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.Province;
import ca.microcred.devstack.DevstackTestResource;
import ca.microcred.registry.audit.AuditFixtures;
import ca.microcred.registry.audit.AuditTrail;
import ca.microcred.registry.audit.ChainVerification;
import ca.microcred.registry.catalogue.CatalogueSearch;
import ca.microcred.registry.catalogue.SearchTerms;
import ca.microcred.registry.catalogue.repository.CatalogueRepository;
import ca.microcred.registry.catalogue.service.CatalogueIndex;
import ca.microcred.registry.provider.service.ProviderService;
import ca.microcred.registry.support.RegistryFixtures;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prints the registry's performance figures against the embedded broker and Mongo stand-in. Not part of the
 * regular test run (the class name matches no surefire pattern); run it with
 * {@code ./mvnw verify -pl registry-service -Dtest=RegistryBenchmark -Dbench.credentials=1000000
 * -Dbench.achievements=10000 -Dbench.events=20000 -Dbench.audit=1000000 -Dbench.searches=20} (searches per client).
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class RegistryBenchmark {

    private static final String[] WORDS = {"data", "données", "welding", "soudage", "safety", "sécurité", "cloud",
            "infonuagique", "leadership", "gestion", "project", "projet", "carpentry", "menuiserie", "nursing",
            "soins", "cyber", "réseau", "accounting", "comptabilité", "design", "conception", "hydrogen", "énergie"};
    private static final String[] PROVINCES = {"AB", "BC", "MB", "NB", "NL", "NS", "ON", "PE", "QC", "SK"};
    private static final String[] MODES = {"ONLINE", "IN_PERSON", "HYBRID"};

    @Inject
    MongoClient mongo;

    @Inject
    AuditTrail audit;

    @Inject
    KafkaClientService kafka;

    @Inject
    CatalogueRepository catalogue;

    @Inject
    ProviderService providers;

    @Inject
    CatalogueIndex catalogueIndex;

    @TestHTTPResource("/")
    URL base;


    @Test
    void figures() throws Exception {
        int credentials = Integer.getInteger("bench.credentials", 1_000_000);
        int achievements = Integer.getInteger("bench.achievements", 10_000);
        int events = Integer.getInteger("bench.events", 20_000);
        int warmup = Integer.getInteger("bench.warmup", 10_000);
        int auditEntries = Integer.getInteger("bench.audit", 1_000_000);
        int searchesPerClient = Integer.getInteger("bench.searches", 100);
        MongoDatabase db = mongo.getDatabase("registry");
        StringBuilder report = new StringBuilder("\n=== registry-service benchmark (embedded Mongo stand-in) ===\n");

        // ingestion through Kafka with the audit chain on, measured after a warm-up: a JVM that has only just
        // started spends much of its CPU compiling the very code being measured, which no sustained rate reflects
        String run = RegistryFixtures.marker();
        print(report, String.format("each event carries a credential of %,d bytes of JSON%n",
                issuedCredential(run, 0).toString().getBytes(StandardCharsets.UTF_8).length));
        ingest(db, events(run + "w", warmup), false);
        // live: the producer (the issuer's work, encoding excepted) sends in this JVM while the registry consumes
        Ingestion live = ingest(db, events(run + "l", events), false);
        print(report, String.format("ingestion, producer sending meanwhile in this JVM: %d CredentialIssued events in "
                + "%.1f s = %.0f events/s (audit on; publishing them took %.1f s of it); %.1f CPU-s in this JVM "
                + "(service + producer + broker + Mongo stand-in) = %.0f events per CPU-second%n", events,
                live.seconds(), events / live.seconds(), live.publishSeconds(), live.cpuSeconds(),
                events / live.cpuSeconds()) + "  by thread (the rest is GC and JIT):\n" + live.threads());
        // backlog: the events wait on the broker while the registry's consumers are paused, then the registry drains
        // them alone, as after an outage or when producers on other hosts outpace it: its own sustained rate
        Ingestion backlog = ingest(db, events(run + "b", events), true);
        print(report, String.format("ingestion of a backlog already on the broker: %d CredentialIssued events in "
                + "%.1f s = %.0f events/s (audit on); %.1f CPU-s in this JVM (service + broker + Mongo stand-in) "
                + "= %.0f events per CPU-second%n", events, backlog.seconds(), events / backlog.seconds(),
                backlog.cpuSeconds(), events / backlog.cpuSeconds()) + "  by thread (the rest is GC and JIT):\n"
                + backlog.threads());

        // bulk-load credential records, then look them up by id
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < credentials; i++) {
            docs.add(new Document("_id", "bulk-" + run + "-" + i).append("issued", true).append("achievementId", "ach-" + (i % achievements))
                    .append("providerId", "prov-" + (i % 500)).append("issuedAt", new Date()).append("recipientHash", "sha256$" + i)
                    .append("proofFormat", "none").append("status", "ACTIVE").append("version", 1L)
                    .append("appliedEventIds", List.of("e-" + i)).append("statusHistory", List.of()));
            if (docs.size() == 10_000) {
                db.getCollection("credentials").insertMany(docs);
                docs.clear();
            }
        }
        if (!docs.isEmpty()) {
            db.getCollection("credentials").insertMany(docs);
        }
        Random random = new Random(42);
        // each client holds its own HTTP/1.1 connection, as independent employers' browsers would
        KeepAliveHttpClient http = new KeepAliveHttpClient(base);
        // warm-up: the first requests pay for class loading and JIT compilation, not for the lookup
        for (int i = 0; i < 2000; i++) {
            assertEquals(200, http.get("credentials/bulk-" + run + "-" + random.nextInt(credentials)));
        }
        List<Long> lookups = new ArrayList<>();
        long lookupCpuStart = cpuNanos();
        for (int i = 0; i < 2000; i++) {
            String id = "bulk-" + run + "-" + random.nextInt(credentials);
            long t = System.nanoTime();
            assertEquals(200, http.get("credentials/" + id));
            lookups.add(System.nanoTime() - t);
        }
        print(report, String.format("credential lookup by id over HTTP (%d records): p50 %.2f ms, p95 %.2f ms; "
                        + "%.2f CPU-ms per lookup in this JVM (client included)%n",
                db.getCollection("credentials").countDocuments(), ms(lookups, 50), ms(lookups, 95),
                (cpuNanos() - lookupCpuStart) / 1e6 / lookups.size()));

        // catalogue of accredited providers, searched by 50 concurrent clients
        for (int p = 0; p < 100; p++) {
            String providerId = "bench-prov-" + run + "-" + p;
            RegistryFixtures.publish(RegistryFixtures.provider(providerId, PROVINCES[p % PROVINCES.length]));
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> providers.find("bench-prov-" + run + "-99").isPresent());
        for (int p = 0; p < 100; p++) {
            providers.decide("bench-prov-" + run + "-" + p, ca.microcred.contracts.events.ProviderAccreditationChanged.State.ACCREDITED, "benchmark", "operator");
        }
        for (int i = 0; i < achievements; i++) {
            String providerId = "bench-prov-" + run + "-" + (i % 100);
            AchievementPublished a = RegistryFixtures.achievement("bench-ach-" + run + "-" + i, providerId)
                    .name(words(random, 3), words(random, 3)).description(words(random, 12), words(random, 12))
                    .skill("ESCO", "S" + (i % 200)).delivery(MODES[i % 3], i % 2 == 0).workload((double) (i % 120))
                    .build();
            catalogue.write(null, "bench-event-" + i, a, providers.find(providerId).orElseThrow());
        }
        // written straight to the collection, as another instance would have: the index picks them up on reload
        catalogueIndex.reload();
        ExecutorService clients = Executors.newFixedThreadPool(50);
        // the index alone, one thread, no HTTP: what a search costs in CPU whatever the machine's load
        List<Long> direct = new ArrayList<>();
        List<Long> directCpu = new ArrayList<>();
        Random directRandom = new Random(7);
        for (int i = 0; i < 2000; i++) {
            List<String> terms = SearchTerms.of(WORDS[directRandom.nextInt(WORDS.length)]);
            CatalogueSearch search = new CatalogueSearch(terms, List.of(), null, null,
                    i % 3 == 0 ? Province.valueOf(PROVINCES[directRandom.nextInt(PROVINCES.length)]) : null,
                    i % 5 == 0 ? DeliveryMode.HYBRID : null, null, null, null, null, null,
                    i % 4 == 0 ? CatalogueSearch.Sort.NEWEST : CatalogueSearch.Sort.RELEVANCE, 0, 20);
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long t = System.nanoTime();
            catalogueIndex.search(search);
            direct.add(System.nanoTime() - t);
            directCpu.add(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu);
        }
        print(report, String.format("catalogue index search alone (1 thread, no HTTP): p50 %.2f ms, p95 %.2f ms; "
                        + "thread CPU p50 %.2f ms, p95 %.2f ms%n",
                ms(direct, 50), ms(direct, 95), ms(directCpu, 50), ms(directCpu, 95)));
        // warm-up at the same concurrency, untimed, so the figures describe a running service
        catalogueSearches(clients, 10, 1000);
        long searchCpuStart = cpuNanos();
        List<Long> searches = catalogueSearches(clients, searchesPerClient, 0);
        clients.shutdown();
        double searchCpu = (cpuNanos() - searchCpuStart) / 1e9;
        print(report, String.format("catalogue search over HTTP (%d entries, 50 clients, %d searches): p50 %.1f ms, "
                        + "p95 %.1f ms; %.2f CPU-ms per search in this JVM (clients included)%n",
                db.getCollection(CatalogueRepository.COLLECTION).countDocuments(), searches.size(), ms(searches, 50),
                ms(searches, 95), searchCpu * 1000 / searches.size()));

        // full chain verification
        AuditFixtures.extendChain(db.getCollection(AuditTrail.ENTRIES), db.getCollection(AuditTrail.HEAD),
                Math.max(0, auditEntries - db.getCollection(AuditTrail.ENTRIES).countDocuments()));
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        ChainVerification verification = audit.verify();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (cpuNanos() - cpuStart) / 1e9;
        assertTrue(verification.intact(), verification::toString);
        print(report, String.format("audit chain verification: %d entries in %.1f s (%.1f CPU-s in this JVM)%n",
                verification.entries(), seconds, cpuSeconds));
        Log.info(report);
    }

    /** 50 concurrent clients, each running {@code perClient} searches; answers the latency of every search. */
    private List<Long> catalogueSearches(ExecutorService clients, int perClient, int seed) throws Exception {
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int c = 0; c < 50; c++) {
            int client = c;
            futures.add(clients.submit(() -> {
                Random r = new Random(seed + client);
                List<Long> times = new ArrayList<>();
                try (KeepAliveHttpClient http = new KeepAliveHttpClient(base)) {
                for (int i = 0; i < perClient; i++) {
                    String query = "q=" + URLEncoder.encode(WORDS[r.nextInt(WORDS.length)], StandardCharsets.UTF_8)
                            + (i % 3 == 0 ? "&province=" + PROVINCES[r.nextInt(PROVINCES.length)] : "")
                            + (i % 4 == 0 ? "&sort=newest" : "") + (i % 5 == 0 ? "&deliveryMode=HYBRID" : "");
                    long t = System.nanoTime();
                    assertEquals(200, http.get("catalogue?" + query));
                    times.add(System.nanoTime() - t);
                }
                }
                return times;
            }));
        }
        List<Long> searches = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            searches.addAll(f.get());
        }
        return searches;
    }

    private record Ingestion(double seconds, double publishSeconds, double cpuSeconds, String threads) {
    }

    /** Garbage collections, their milliseconds, and the JIT's compilation milliseconds so far. */
    private static long[] gcAndJit() {
        long count = 0;
        long millis = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        var jit = ManagementFactory.getCompilationMXBean();
        return new long[] {count, millis, jit == null ? 0 : jit.getTotalCompilationTime()};
    }

    /** CPU time of every live thread, by id. */
    private static java.util.Map<Long, Long> threadCpu() {
        var mx = ManagementFactory.getThreadMXBean();
        java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            long t = mx.getThreadCpuTime(id);
            if (t > 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }

    /** Where the CPU went since {@code before}: seconds per thread family (digits of thread names folded). */
    private static String cpuByThreadFamily(java.util.Map<Long, Long> before) {
        var mx = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Double> families = new java.util.TreeMap<>();
        threadCpu().forEach((id, t) -> {
            var info = mx.getThreadInfo(id);
            if (info != null) {
                String family = info.getThreadName().replaceAll("\\d+", "N");
                families.merge(family, (t - before.getOrDefault(id, 0L)) / 1e9, Double::sum);
            }
        });
        StringBuilder out = new StringBuilder();
        families.entrySet().stream().filter(e -> e.getValue() >= 0.05)
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.append(String.format("    %-60s %6.2f CPU-s%n", e.getKey(), e.getValue())));
        return out.toString();
    }

    private static List<EventEnvelope> events(String run, int count) {
        List<EventEnvelope> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ObjectNode document = issuedCredential(run, i);
            var at = RegistryFixtures.now();
            batch.add(EventEnvelope.of(RegistryFixtures.SOURCE, new CredentialIssued("bench-" + run + "-" + i,
                    "ach-bench", "prov-bench-" + (i % 50), null, "sha256$" + "ab".repeat(32), "salt", at, at, null,
                    "eddsa-rdfc-2022", document, null, null)));
        }
        return batch;
    }

    /**
     * A credential of the size and shape issuer-service signs (about 4 KB of JSON: the embedded micro-credential with
     * bilingual text, criteria and skills alignments, a hashed recipient, a result, portfolio evidence, a status
     * entry and a Data Integrity proof): the registry decodes, stores and hashes every byte of it.
     */
    private static ObjectNode issuedCredential(String run, int i) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        String base = "https://issuer.microcred.example/";
        ObjectNode credential = json.objectNode();
        credential.putArray("@context").add("https://www.w3.org/ns/credentials/v2")
                .add("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")
                .add("https://w3id.org/security/data-integrity/v2");
        credential.put("id", base + "credentials/" + run + "-" + i);
        credential.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        credential.put("name", "Analyse de données infonuagiques appliquée");
        ObjectNode issuer = credential.putObject("issuer");
        issuer.put("id", "did:web:issuer.microcred.example:providers:prov-bench-" + (i % 50));
        issuer.putArray("type").add("Profile");
        issuer.put("name", "Collège communautaire du Nouveau-Brunswick");
        issuer.put("url", "https://ccnb.example.ca");
        issuer.put("email", "registrariat@ccnb.example.ca");
        credential.put("validFrom", "2026-11-29T12:00:00.000Z");
        ObjectNode subject = credential.putObject("credentialSubject");
        subject.putArray("type").add("AchievementSubject");
        ObjectNode identity = subject.putArray("identifier").addObject();
        identity.put("type", "IdentityObject");
        identity.put("identityHash", "sha256$" + String.format("%064x", (long) i * 2654435761L));
        identity.put("identityType", "emailAddress");
        identity.put("hashed", true);
        identity.put("salt", "c2FsdC0" + i);
        ObjectNode achievement = subject.putObject("achievement");
        achievement.put("id", base + "achievements/ach-bench");
        achievement.putArray("type").add("Achievement");
        achievement.put("name", "Analyse de données infonuagiques appliquée");
        achievement.put("description", "Les personnes diplômées conçoivent des pipelines de données dans le nuage, "
                + "les sécurisent et les exploitent; elles présentent un projet intégrateur évalué par un jury "
                + "de l'industrie selon une grille de compétences publiée. ".repeat(2));
        achievement.putObject("criteria").put("narrative", "Réussir l'évaluation par compétences (au moins 70 %) "
                + "et déposer un portfolio comprenant le projet intégrateur, le code et un rapport technique.");
        ArrayNode alignments = achievement.putArray("alignment");
        for (String[] a : new String[][] {{"ESCO", "S5.6.1", "gérer des données dans le nuage"},
                {"NOC", "21211", "Data scientists"}, {"O*NET", "15-2051.00", "Data Scientists"}}) {
            ObjectNode alignment = alignments.addObject();
            alignment.putArray("type").add("Alignment");
            alignment.put("targetFramework", a[0]);
            alignment.put("targetCode", a[1]);
            alignment.put("targetName", a[2]);
            alignment.put("targetUrl", "https://skills.example.org/" + a[0].toLowerCase() + "/" + a[1]);
        }
        achievement.put("creditsAvailable", 3);
        achievement.put("humanCode", "DATA-340");
        achievement.put("inLanguage", "fr");
        ObjectNode result = subject.putArray("result").addObject();
        result.putArray("type").add("Result");
        result.put("resultDescription", base + "achievements/ach-bench#result");
        result.put("status", "Completed");
        result.put("value", "A-");
        ArrayNode evidence = credential.putArray("evidence");
        for (int e = 0; e < 2; e++) {
            ObjectNode item = evidence.addObject();
            item.put("id", "https://portfolio.example.ca/learner-" + i + "/capstone-" + e);
            item.putArray("type").add("Evidence");
            item.put("name", "Portfolio");
            item.put("genre", "Portfolio de l'apprenant");
        }
        ObjectNode status = credential.putObject("credentialStatus");
        status.put("id", base + "status/prov-bench/revocation#" + (i % 131_072));
        status.put("type", "BitstringStatusListEntry");
        status.put("statusPurpose", "revocation");
        status.put("statusListIndex", String.valueOf(i % 131_072));
        status.put("statusListCredential", base + "status/prov-bench/revocation");
        ObjectNode proof = credential.putObject("proof");
        proof.put("type", "DataIntegrityProof");
        proof.put("cryptosuite", "eddsa-rdfc-2022");
        proof.put("created", "2026-11-29T12:00:01Z");
        proof.put("verificationMethod", issuer.get("id").asText() + "#key-1");
        proof.put("proofPurpose", "assertionMethod");
        proof.put("proofValue", "z" + "3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKk"
                .repeat(2).substring(0, 87));
        return credential;
    }

    /**
     * Publishes the events and waits until every one is recorded and audited. Encoding them is the producer's work
     * (issuer-service on its own host), so it happens before the clock starts. With {@code backlog} the registry's
     * consumers are paused while the events are sent and the clock starts when they are resumed.
     */
    private Ingestion ingest(MongoDatabase db, List<EventEnvelope> batch, boolean backlog) {
        long auditBefore = db.getCollection(AuditTrail.ENTRIES).countDocuments();
        var encoded = RegistryFixtures.encodeAll(batch);
        // the channel's consumers, its copies included when it is consumed with concurrency (credentials.events$1...)
        List<KafkaConsumer<Object, Object>> consumers = new ArrayList<>();
        for (String channel : kafka.getConsumerChannels()) {
            if (channel.equals(Topics.CREDENTIALS) || channel.startsWith(Topics.CREDENTIALS + "$")) {
                consumers.addAll(kafka.<Object, Object>getConsumers(channel));
            }
        }
        if (backlog) {
            assertTrue(!consumers.isEmpty(), "no consumer of " + Topics.CREDENTIALS + " to pause");
            consumers.forEach(c -> c.pause().await().atMost(Duration.ofSeconds(30)));
            RegistryFixtures.sendAll(encoded);
            // a figure for a backlog only if the registry really waited: nothing of it may be recorded yet
            assertEquals(auditBefore, db.getCollection(AuditTrail.ENTRIES).countDocuments(),
                    "the registry consumed events while its consumers were paused");
        }
        var threadsBefore = threadCpu();
        long[] vmBefore = gcAndJit();
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        if (backlog) {
            consumers.forEach(c -> c.resume().await().atMost(Duration.ofSeconds(30)));
        } else {
            RegistryFixtures.sendAll(encoded);
        }
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        String last = batch.get(batch.size() - 1).data().subject();
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> db.getCollection(AuditTrail.ENTRIES).countDocuments() - auditBefore >= batch.size()
                        && db.getCollection("credentials").countDocuments(new Document("_id", last)) == 1);
        long[] vmAfter = gcAndJit();
        return new Ingestion((System.nanoTime() - start) / 1e9, publishSeconds, (cpuNanos() - cpuStart) / 1e9,
                cpuByThreadFamily(threadsBefore) + String.format("    GC: %d collections, %.2f s of pauses and "
                        + "cycles; JIT: %.2f s compiling%n", vmAfter[0] - vmBefore[0],
                        (vmAfter[1] - vmBefore[1]) / 1e3, (vmAfter[2] - vmBefore[2]) / 1e3));
    }

    /** CPU time of this whole JVM: the machine is shared, so wall-clock figures alone overstate the cost. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Each figure is printed as soon as it is measured, so a long run still reports the finished parts. */
    private static void print(StringBuilder report, String figure) {
        report.append(figure);
        System.err.print("[benchmark] " + figure);
    }


    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return text.toString().trim();
    }

    private static double ms(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1)) / 1e6;
    }
}
