package ca.microcred.notification.bench;

import ca.microcred.devstack.EmbeddedMongo;
import ca.microcred.notification.matching.service.CohortFacts;
import ca.microcred.notification.matching.service.MatchKeys;
import ca.microcred.notification.subscription.Subscription;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Measures criteria matching with many stored subscriptions: the same match keys, multikey index, {@code $in}
 * look-up and in-memory check as the service. Not a test; after {@code ./mvnw -B -pl notification-service
 * test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}, run
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
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> subscriptions = client.getDatabase("notification-bench").getCollection("subscriptions");
            subscriptions.drop();
            subscriptions.createIndex(Indexes.ascending(Subscription.MATCH_KEYS));
            long loadStart = System.nanoTime();
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                batch.add(toDocument("sub-" + i, randomSubscription(random)));
                if (batch.size() == 1_000) {
                    subscriptions.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                subscriptions.insertMany(batch);
            }
            System.out.printf("stored %d subscriptions in %d ms%n", count, (System.nanoTime() - loadStart) / 1_000_000);

            int warmUp = 50;
            int measured = 300;
            long[] micros = new long[measured];
            long matches = 0;
            long candidates = 0;
            for (int i = 0; i < warmUp + measured; i++) {
                CohortFacts cohort = randomCohort(random);
                long start = System.nanoTime();
                List<Document> found = subscriptions.find(Filters.in(Subscription.MATCH_KEYS, MatchKeys.of(cohort)))
                        .into(new ArrayList<>());
                long matched = found.stream().map(MatchingBenchmark::fromDocument)
                        .filter(s -> MatchKeys.matches(s, cohort)).count();
                long elapsed = (System.nanoTime() - start) / 1_000;
                if (i >= warmUp) {
                    micros[i - warmUp] = elapsed;
                    matches += matched;
                    candidates += found.size();
                }
            }
            Arrays.sort(micros);
            System.out.printf("matching one cohort against %d subscriptions: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; "
                            + "on average %d candidates, %d matches%n", count, micros[measured / 2] / 1000.0,
                    micros[(int) (measured * 0.95)] / 1000.0, micros[(int) (measured * 0.99)] / 1000.0,
                    candidates / measured, matches / measured);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static Subscription randomSubscription(Random random) {
        Subscription s = new Subscription();
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

    private static Document toDocument(String id, Subscription s) {
        return new Document("_id", id).append("achievementIds", s.achievementIds).append("skills", s.skills)
                .append("occupations", s.occupations).append("providerIds", s.providerIds)
                .append("provinces", s.provinces).append("deliveryModes", s.deliveryModes)
                .append("languages", s.languages).append(Subscription.MATCH_KEYS, s.matchKeys);
    }

    @SuppressWarnings("unchecked")
    private static Subscription fromDocument(Document d) {
        Subscription s = new Subscription();
        s.id = d.getString("_id");
        s.achievementIds = d.get("achievementIds", List.class);
        s.skills = d.get("skills", List.class);
        s.occupations = d.get("occupations", List.class);
        s.providerIds = d.get("providerIds", List.class);
        s.provinces = d.get("provinces", List.class);
        s.deliveryModes = d.get("deliveryModes", List.class);
        s.languages = d.get("languages", List.class);
        return s;
    }
}
