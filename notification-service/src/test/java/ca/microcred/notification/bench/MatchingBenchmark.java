package ca.microcred.notification.bench;

import ca.microcred.devstack.EmbeddedMongo;
import ca.microcred.notification.matching.service.CohortFacts;
import ca.microcred.notification.matching.service.MatchKeys;
import ca.microcred.notification.subscription.Subscription;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Projections;
import ca.microcred.notification.matching.service.SubscriptionIndex;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.codecs.pojo.PojoCodecProvider;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Measures matching one completed cohort with many stored subscriptions, the way the service does it: the in-memory
 * {@link SubscriptionIndex} loaded from the store by projection proposes the matches, whose stored versions are then
 * read in one look-up by id to confirm them. Not a test; after {@code ./mvnw -B -o -pl notification-service
 * test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}, run from
 * {@code notification-service}:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) ca.microcred.notification.bench.MatchingBenchmark
 * [count [mongodb://host:27017]]}. Without a connection string it uses the in-memory mongo-java-server.
 */
public final class MatchingBenchmark {

    private static final String[] PROVINCES = {"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"};
    private static final String[] MODES = {"ONLINE", "IN_PERSON", "HYBRID"};
    private static final String[] LANGUAGES = {"en", "fr"};

    private MatchingBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        EmbeddedMongo embedded = args.length > 1 ? null : EmbeddedMongo.memory(0);
        String uri = args.length > 1 ? args[1] : embedded.connectionString();
        Random random = new Random(42);
        CodecRegistry codecs = CodecRegistries.fromRegistries(MongoClientSettings.getDefaultCodecRegistry(),
                CodecRegistries.fromProviders(PojoCodecProvider.builder().automatic(true).build()));
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Subscription> subscriptions = client.getDatabase("notification-bench")
                    .getCollection("subscriptions", Subscription.class).withCodecRegistry(codecs);
            subscriptions.drop();
            long loadStart = System.nanoTime();
            List<Subscription> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                batch.add(randomSubscription("sub-" + i, random));
                if (batch.size() == 1_000) {
                    subscriptions.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                subscriptions.insertMany(batch);
            }
            System.out.printf("stored %d subscriptions in %d ms%n", count, (System.nanoTime() - loadStart) / 1_000_000);

            long indexStart = System.nanoTime();
            SubscriptionIndex index = new SubscriptionIndex();
            subscriptions.find().projection(Projections.include("achievementIds", "skills", "occupations",
                    "providerIds", "provinces", "deliveryModes", "languages", "paused", "version"))
                    .batchSize(5_000).forEach(index::apply);
            System.out.printf("loaded the match index (%d subscriptions) from the store in %d ms%n", index.size(),
                    (System.nanoTime() - indexStart) / 1_000_000);

            int warmUp = 200;
            int measured = 1_000;
            long[] micros = new long[measured];
            long[] indexMicros = new long[measured];
            long matches = 0;
            for (int i = 0; i < warmUp + measured; i++) {
                CohortFacts cohort = randomCohort(random);
                long start = System.nanoTime();
                List<Subscription> proposed = index.matching(cohort);
                long indexed = (System.nanoTime() - start) / 1_000;
                long matched = 0;
                if (!proposed.isEmpty()) {
                    // as the service does: confirm the proposals by their stored versions, in one look-up by id
                    java.util.Map<String, Long> versions = new java.util.HashMap<>();
                    subscriptions.find(Filters.in("_id", proposed.stream().map(s -> s.id).toList()))
                            .projection(Projections.include("version"))
                            .forEach(s -> versions.put(s.id, s.version));
                    matched = proposed.stream().filter(s -> Long.valueOf(s.version).equals(versions.get(s.id))).count();
                }
                long elapsed = (System.nanoTime() - start) / 1_000;
                if (i >= warmUp) {
                    micros[i - warmUp] = elapsed;
                    indexMicros[i - warmUp] = indexed;
                    matches += matched;
                }
            }
            Arrays.sort(micros);
            Arrays.sort(indexMicros);
            System.out.printf("system load average %.1f on %d cores (wall-clock figures grow with it)%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("  of which the in-memory index: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n",
                    indexMicros[measured / 2] / 1000.0, indexMicros[(int) (measured * 0.95)] / 1000.0,
                    indexMicros[(int) (measured * 0.99)] / 1000.0);
            System.out.printf("matching one cohort against %d subscriptions (index + stored versions of the matches): "
                            + "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; on average %.1f matches%n", count,
                    micros[measured / 2] / 1000.0, micros[(int) (measured * 0.95)] / 1000.0,
                    micros[(int) (measured * 0.99)] / 1000.0, micros[measured - 1] / 1000.0,
                    matches / (double) measured);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static Subscription randomSubscription(String id, Random random) {
        Subscription s = new Subscription();
        s.id = id;
        s.version = 1;
        s.secret = "whsec_" + id;
        s.webhookUrl = "https://hooks.example.ca/" + id;
        int kind = random.nextInt(10);
        if (kind < 5) {
            s.achievementIds = values(random, 1 + random.nextInt(3), "ach-", 5_000);
        } else if (kind < 7) {
            s.skills = values(random, 1 + random.nextInt(2), "ESCO:S", 2_000);
            s.provinces = List.of(pick(random, PROVINCES));
        } else if (kind < 8) {
            s.occupations = values(random, 1, "2", 500);
        } else if (kind < 9) {
            s.providerIds = values(random, 1, "prov-", 1_000);
            s.languages = List.of(pick(random, LANGUAGES));
        } else {
            s.provinces = List.of(pick(random, PROVINCES));
            s.deliveryModes = List.of(pick(random, MODES));
            s.languages = List.of(pick(random, LANGUAGES));
        }
        s.matchKeys = MatchKeys.of(s);
        return s;
    }

    private static CohortFacts randomCohort(Random random) {
        return new CohortFacts("ach-" + random.nextInt(5_000), "prov-" + random.nextInt(1_000),
                pick(random, PROVINCES), new LinkedHashSet<>(values(random, 5, "ESCO:S", 2_000)),
                new LinkedHashSet<>(values(random, 2, "2", 500)), Set.of(pick(random, MODES)),
                Set.of(pick(random, LANGUAGES)));
    }

    private static List<String> values(Random random, int n, String prefix, int range) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(prefix + random.nextInt(range));
        }
        return values;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
