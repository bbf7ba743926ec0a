package ca.microcred.registry.catalogue.repository;

import ca.microcred.contracts.events.AchievementPublished;
import ca.microcred.contracts.events.FrameworkReport;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.SkillAlignment;
import ca.microcred.contracts.events.SkillFramework;
import ca.microcred.registry.catalogue.CatalogueEntry;
import ca.microcred.registry.catalogue.SearchTerms;
import ca.microcred.registry.provider.Provider;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
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
import java.util.function.Consumer;

/**
 * The {@code catalogue} collection. Besides the published definition each document stores what search needs:
 * {@code terms} (folded tokens of both languages' name and description), {@code nameTerms} (for relevance), {@code skillKeys} ({@code FRAMEWORK:code}),
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

    /**
     * Search runs on the in-memory {@code CatalogueIndex}, so the collection needs only what its writes look up:
     * a provider's entries when the provider's facts change. The statistics group the whole collection.
     */
    void createIndexes(@Observes StartupEvent start) {
        catalogue.createIndex(Indexes.ascending("providerId", "providerVersion"));
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

    /** Hands every entry to the sink, for building the in-memory search index. */
    public void forEachDocument(Consumer<Document> sink) {
        catalogue.find().batchSize(2000).forEach(sink);
    }

    /** Hands the provider's entries to the sink. */
    public void forEachDocumentOf(String providerId, Consumer<Document> sink) {
        catalogue.find(Filters.eq("providerId", providerId)).forEach(sink);
    }

    /** Skill key as stored and searched: the framework's name, a colon, the code as given. */
    public static String skillKey(SkillFramework framework, String code) {
        return framework.name() + ":" + code;
    }

    /** The stored shape of an entry, without the write bookkeeping ({@code appliedEventIds}, {@code version}). */
    public static Document toDocument(AchievementPublished event, Provider provider) {
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
