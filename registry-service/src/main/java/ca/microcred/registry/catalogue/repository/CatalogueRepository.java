package ca.microcred.registry.catalogue.repository;

import ca.microcred.contracts.events.AchievementPublished;
import ca.microcred.contracts.events.FrameworkReport;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.contracts.events.SkillAlignment;
import ca.microcred.contracts.events.SkillFramework;
import ca.microcred.registry.catalogue.CatalogueEntry;
import ca.microcred.registry.catalogue.CatalogueSearch;
import ca.microcred.registry.catalogue.SearchTerms;
import ca.microcred.registry.provider.Provider;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code catalogue} collection. Besides the published definition each document stores what search needs as
 * indexed fields: {@code terms} (folded tokens of both languages' name and description, a multikey index matched
 * with {@code $all}), {@code nameTerms} (for relevance), {@code skillKeys} ({@code FRAMEWORK:code}),
 * {@code occupationCodes}, {@code languageBases}, {@code stackable}, {@code workloadKey} (entries without a
 * workload sort last), and the provider's state, province and name with the provider version they reflect.
 */
@ApplicationScoped
public class CatalogueRepository {

    public static final String COLLECTION = "catalogue";
    /** Sort key of an entry without a workload, so it comes after every entry that has one. */
    private static final double NO_WORKLOAD = 1e12;

    private final MongoCollection<Document> catalogue;

    public CatalogueRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.catalogue = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    void createIndexes(@Observes StartupEvent start) {
        catalogue.createIndex(Indexes.ascending("terms"));
        catalogue.createIndex(Indexes.compoundIndex(Indexes.ascending("providerState"), Indexes.descending("publishedAt")));
        catalogue.createIndex(Indexes.ascending("providerState", "workloadKey"));
        catalogue.createIndex(Indexes.ascending("skillKeys"));
        catalogue.createIndex(Indexes.ascending("occupationCodes"));
        catalogue.createIndex(Indexes.ascending("providerId", "providerVersion"));
        catalogue.createIndex(Indexes.ascending("province", "deliveryMode"));
    }

    public Optional<Document> findDocument(String achievementId) {
        return Optional.ofNullable(catalogue.find(Filters.eq("_id", achievementId)).first());
    }

    public Optional<CatalogueEntry> find(String achievementId) {
        return findDocument(achievementId).map(CatalogueEntry::fromDocument);
    }

    /**
     * Writes the definition as a whole new document state: insert when {@code current} is null, otherwise replace on
     * condition that the document is still at the version read.
     *
     * @return false when another writer came first
     */
    public boolean write(Document current, String eventId, AchievementPublished event, Provider provider) {
        List<String> applied = new ArrayList<>(current == null ? List.of()
                : current.getList("appliedEventIds", String.class, List.of()));
        applied.add(eventId);
        long version = current == null ? 0 : ((Number) current.get("version")).longValue();
        Document document = toDocument(event, provider).append("appliedEventIds", applied).append("version", version + 1);
        if (current == null) {
            try {
                catalogue.insertOne(document);
                return true;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    return false;
                }
                throw e;
            }
        }
        return catalogue.replaceOne(Filters.and(Filters.eq("_id", event.achievementId()), Filters.eq("version", version)),
                document).getMatchedCount() == 1;
    }

    /** Records an event that brings nothing new (an older definition delivered late) as seen. */
    public boolean markSeen(Document current, String eventId) {
        long version = ((Number) current.get("version")).longValue();
        return catalogue.updateOne(Filters.and(Filters.eq("_id", current.get("_id")), Filters.eq("version", version)),
                Updates.combine(Updates.push("appliedEventIds", eventId), Updates.inc("version", 1L)))
                .getMatchedCount() == 1;
    }

    /**
     * Copies the provider's facts into its entries (or the one entry given) that reflect an older provider version;
     * entries already at this version or a newer one stay as they are, so syncs arriving out of order are harmless.
     */
    public void syncProvider(Provider provider, String onlyAchievementId) {
        Bson filter = Filters.and(Filters.eq("providerId", provider.id()),
                Filters.lt("providerVersion", provider.version()));
        if (onlyAchievementId != null) {
            filter = Filters.and(Filters.eq("_id", onlyAchievementId), filter);
        }
        catalogue.updateMany(filter, Updates.combine(
                Updates.set("providerState", provider.state().name()),
                Updates.set("province", provider.province()),
                Updates.set("providerName", providerName(provider)),
                Updates.set("providerVersion", provider.version()),
                Updates.inc("version", 1L)));
    }

    /** Total number of hits and the requested page of them. */
    public record Hits(long total, List<CatalogueEntry> entries, List<Integer> scores) {
    }

    public Hits search(CatalogueSearch search) {
        Bson filter = filter(search);
        boolean byRelevance = search.sort() == CatalogueSearch.Sort.RELEVANCE && !search.terms().isEmpty();
        if (byRelevance) {
            return searchByRelevance(search, filter);
        }
        Bson sort = search.sort() == CatalogueSearch.Sort.WORKLOAD
                ? Sorts.ascending("workloadKey", "_id")
                : Sorts.orderBy(Sorts.descending("publishedAt"), Sorts.ascending("_id"));
        long total = catalogue.countDocuments(filter);
        List<CatalogueEntry> entries = catalogue.find(filter).sort(sort).skip(search.page() * search.size())
                .limit(search.size()).map(CatalogueEntry::fromDocument).into(new ArrayList<>());
        return new Hits(total, entries, null);
    }

    /**
     * Every hit already contains all the terms, so they are ranked by where the terms occur: a term in the name
     * counts three, elsewhere one; ties go to the newest. Scores are computed over the hits' small projections and
     * only the page's full documents are read.
     */
    private Hits searchByRelevance(CatalogueSearch search, Bson filter) {
        record Scored(String id, int score, Date publishedAt) {
        }
        List<Scored> scored = new ArrayList<>();
        catalogue.find(filter).projection(Projections.include("nameTerms", "publishedAt")).forEach(d -> {
            Set<String> nameTerms = new LinkedHashSet<>(d.getList("nameTerms", String.class, List.of()));
            int score = 0;
            for (String term : search.terms()) {
                score += nameTerms.contains(term) ? 3 : 1;
            }
            scored.add(new Scored(d.getString("_id"), score, d.getDate("publishedAt")));
        });
        scored.sort((a, b) -> {
            int byScore = Integer.compare(b.score(), a.score());
            if (byScore != 0) {
                return byScore;
            }
            int byDate = b.publishedAt().compareTo(a.publishedAt());
            return byDate != 0 ? byDate : a.id().compareTo(b.id());
        });
        int from = Math.min(search.page() * search.size(), scored.size());
        List<Scored> page = scored.subList(from, Math.min(from + search.size(), scored.size()));
        List<String> ids = page.stream().map(Scored::id).toList();
        java.util.Map<String, CatalogueEntry> byId = new java.util.HashMap<>();
        catalogue.find(Filters.in("_id", ids)).forEach(d -> byId.put(d.getString("_id"), CatalogueEntry.fromDocument(d)));
        List<CatalogueEntry> entries = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        for (Scored hit : page) {
            CatalogueEntry entry = byId.get(hit.id());
            if (entry != null) {
                entries.add(entry);
                scores.add(hit.score());
            }
        }
        return new Hits(scored.size(), entries, scores);
    }

    private static Bson filter(CatalogueSearch search) {
        List<Bson> parts = new ArrayList<>();
        parts.add(Filters.eq("providerState", State.ACCREDITED.name()));
        if (!search.terms().isEmpty()) {
            parts.add(Filters.all("terms", search.terms()));
        }
        if (!search.skillKeys().isEmpty()) {
            parts.add(Filters.all("skillKeys", search.skillKeys()));
        }
        if (search.occupation() != null) {
            parts.add(Filters.eq("occupationCodes", search.occupation()));
        }
        if (search.providerId() != null) {
            parts.add(Filters.eq("providerId", search.providerId()));
        }
        if (search.province() != null) {
            parts.add(Filters.eq("province", search.province().name()));
        }
        if (search.deliveryMode() != null) {
            parts.add(Filters.eq("deliveryMode", search.deliveryMode().name()));
        }
        if (search.selfPaced() != null) {
            parts.add(Filters.eq("selfPaced", search.selfPaced()));
        }
        if (search.language() != null) {
            parts.add(Filters.eq("languageBases", search.language()));
        }
        if (search.workloadMin() != null) {
            parts.add(Filters.gte("workloadHours", search.workloadMin()));
        }
        if (search.workloadMax() != null) {
            parts.add(Filters.lte("workloadHours", search.workloadMax()));
        }
        if (search.stackable() != null) {
            parts.add(Filters.eq("stackable", search.stackable()));
        }
        return Filters.and(parts);
    }

    /** Skill key as stored and searched: the framework's name, a colon, the code as given. */
    public static String skillKey(SkillFramework framework, String code) {
        return framework.name() + ":" + code;
    }

    private static Document toDocument(AchievementPublished event, Provider provider) {
        List<SkillAlignment> skills = event.skills() == null ? List.of() : event.skills();
        Set<String> skillKeys = new LinkedHashSet<>();
        Set<String> frameworks = new LinkedHashSet<>();
        Set<String> occupations = new LinkedHashSet<>(event.occupations() == null ? List.of() : event.occupations());
        List<Document> skillDocuments = new ArrayList<>();
        for (SkillAlignment skill : skills) {
            String framework = skill.framework().toUpperCase(Locale.ROOT);
            skillKeys.add(framework + ":" + skill.code());
            frameworks.add(framework);
            if (SkillFramework.NOC.name().equals(framework)) {
                occupations.add(skill.code());
            }
            skillDocuments.add(new Document("framework", framework).append("code", skill.code())
                    .append("name", skill.name()).append("url", skill.url()));
        }
        List<String> languages = event.languages() == null ? List.of() : event.languages();
        Set<String> languageBases = new LinkedHashSet<>();
        languages.forEach(tag -> languageBases.add(tag.split("-")[0].toLowerCase(Locale.ROOT)));
        List<String> stacksInto = event.stacksInto() == null ? List.of() : event.stacksInto();
        FrameworkReport report = event.frameworkReport();
        LocalizedText name = event.name();
        LocalizedText description = event.description();
        return new Document("_id", event.achievementId())
                .append("providerId", event.providerId())
                .append("name", localized(name))
                .append("description", localized(description))
                .append("skills", skillDocuments)
                .append("skillKeys", new ArrayList<>(skillKeys))
                .append("skillFrameworks", new ArrayList<>(frameworks))
                .append("occupations", event.occupations() == null ? List.of() : event.occupations())
                .append("occupationCodes", new ArrayList<>(occupations))
                .append("sector", event.sector())
                .append("deliveryMode", event.deliveryMode())
                .append("selfPaced", event.selfPaced())
                .append("workloadHours", event.workloadHours())
                .append("workloadKey", event.workloadHours() == null ? NO_WORKLOAD : event.workloadHours())
                .append("languages", languages)
                .append("languageBases", new ArrayList<>(languageBases))
                .append("level", event.level())
                .append("stacksInto", stacksInto)
                .append("stackable", !stacksInto.isEmpty())
                .append("frameworkReport", report == null ? null : new Document("taxonomyLink", report.taxonomyLink())
                        .append("masteryAssessment", report.masteryAssessment())
                        .append("portfolioEvidence", report.portfolioEvidence())
                        .append("verificationBody", report.verificationBody())
                        .append("flexibleDelivery", report.flexibleDelivery())
                        .append("missing", report.missing() == null ? List.of() : report.missing()))
                .append("url", event.url())
                .append("publishedAt", Date.from(event.publishedAt()))
                .append("terms", SearchTerms.of(name.en(), name.fr(), description.en(), description.fr()))
                .append("nameTerms", SearchTerms.of(name.en(), name.fr()))
                .append("providerState", provider == null ? null : provider.state().name())
                .append("province", provider == null ? null : provider.province())
                .append("providerName", provider == null ? null : providerName(provider))
                .append("providerVersion", provider == null ? 0L : provider.version());
    }

    private static Document localized(LocalizedText text) {
        return new Document("en", text.en()).append("fr", text.fr());
    }

    private static String providerName(Provider provider) {
        return provider.name() == null ? null : provider.name().in("en");
    }
}
