package ca.microcred.registry.stats;

import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.registry.catalogue.repository.CatalogueRepository;
import ca.microcred.registry.provider.repository.ProviderRepository;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes the public statistics with aggregations over the registry's collections: {@code providers},
 * {@code catalogue}, {@code credentials} (issued records) and {@code cohorts} (completed cohorts).
 */
@ApplicationScoped
public class StatisticsService {

    static final String CREDENTIALS = "credentials";
    static final String COHORTS = "cohorts";

    private final MongoDatabase db;

    public StatisticsService(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.db = mongo.getDatabase(database);
    }

    public RegistryStatistics compute() {
        Map<String, Long> providers = new LinkedHashMap<>();
        for (State state : State.values()) {
            providers.put(state.name(), 0L);
        }
        providers.putAll(countBy(ProviderRepository.COLLECTION, new Document(), "$state", false));

        Bson visible = Filters.eq("providerState", State.ACCREDITED.name());
        long total = db.getCollection(CatalogueRepository.COLLECTION).countDocuments(visible);
        RegistryStatistics.MicroCredentials microCredentials = new RegistryStatistics.MicroCredentials(total,
                countBy(CatalogueRepository.COLLECTION, visible, "$skillFrameworks", true),
                countBy(CatalogueRepository.COLLECTION, visible, "$province", false),
                countBy(CatalogueRepository.COLLECTION, visible, "$deliveryMode", false));

        List<RegistryStatistics.MonthCount> perMonth = new ArrayList<>();
        db.getCollection(CREDENTIALS).aggregate(List.of(
                Aggregates.match(Filters.and(Filters.eq("issued", true), Filters.exists("issuedAt"))),
                Aggregates.group(new Document("$dateToString",
                        new Document("format", "%Y-%m").append("date", "$issuedAt")), Accumulators.sum("count", 1)),
                Aggregates.sort(Sorts.ascending("_id"))))
                .forEach(d -> perMonth.add(new RegistryStatistics.MonthCount(d.getString("_id"), number(d, "count"))));

        return new RegistryStatistics(providers, microCredentials, perMonth, completionRates());
    }

    private List<RegistryStatistics.CompletionRate> completionRates() {
        List<Document> groups = db.getCollection(COHORTS).aggregate(List.of(
                Aggregates.match(Filters.exists("completionId")),
                Aggregates.group("$achievementId",
                        Accumulators.first("providerId", "$providerId"),
                        Accumulators.sum("cohorts", 1),
                        Accumulators.sum("enrolled", "$enrolled"),
                        Accumulators.sum("completed", "$completed"),
                        Accumulators.sum("passed", "$passed")),
                Aggregates.sort(Sorts.ascending("_id"))))
                .into(new ArrayList<>());
        Map<String, Map<String, String>> names = new HashMap<>();
        List<Object> ids = groups.stream().map(d -> d.get("_id")).toList();
        db.getCollection(CatalogueRepository.COLLECTION).find(Filters.in("_id", ids))
                .projection(Projections.include("name"))
                .forEach(d -> {
                    Document name = d.get("name", Document.class);
                    Map<String, String> texts = new TreeMap<>();
                    if (name != null) {
                        name.forEach((language, text) -> {
                            if (text != null) {
                                texts.put(language, text.toString());
                            }
                        });
                    }
                    names.put(d.getString("_id"), texts);
                });
        List<RegistryStatistics.CompletionRate> rates = new ArrayList<>();
        for (Document g : groups) {
            String achievementId = g.get("_id") == null ? null : g.get("_id").toString();
            long enrolled = number(g, "enrolled");
            long completed = number(g, "completed");
            long passed = number(g, "passed");
            rates.add(new RegistryStatistics.CompletionRate(achievementId, g.getString("providerId"),
                    names.get(achievementId), number(g, "cohorts"), enrolled, completed, passed,
                    rate(completed, enrolled), rate(passed, completed)));
        }
        return rates;
    }

    private Map<String, Long> countBy(String collection, Bson match, String field, boolean unwind) {
        List<Bson> pipeline = new ArrayList<>();
        pipeline.add(Aggregates.match(match));
        if (unwind) {
            pipeline.add(Aggregates.unwind(field));
        }
        pipeline.add(Aggregates.group(field, Accumulators.sum("count", 1)));
        pipeline.add(Aggregates.sort(Sorts.ascending("_id")));
        Map<String, Long> counts = new TreeMap<>();
        db.getCollection(collection).aggregate(pipeline).forEach(d -> {
            Object key = d.get("_id");
            counts.put(key == null ? "UNKNOWN" : key.toString(), number(d, "count"));
        });
        return counts;
    }

    private static long number(Document d, String field) {
        return d.get(field) instanceof Number n ? n.longValue() : 0;
    }

    private static Double rate(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).doubleValue();
    }
}
