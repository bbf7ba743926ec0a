package ca.microcred.registry.catalogue;

import ca.microcred.contracts.events.FrameworkReport;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.ProviderAccreditationChanged.State;
import ca.microcred.contracts.events.SkillAlignment;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A published micro-credential in the catalogue, with the facts of its provider it is searched by (accreditation
 * state, province, name) copied in. It is stored even while its provider is unknown or not accredited and shown once
 * the provider is accredited.
 */
public record CatalogueEntry(String id, String providerId, String providerName, String province,
                             State providerState, LocalizedText name, LocalizedText description,
                             List<SkillAlignment> skills, List<String> occupations, String sector,
                             String deliveryMode, boolean selfPaced, Double workloadHours, List<String> languages,
                             String level, List<String> stacksInto, FrameworkReport frameworkReport, String url,
                             Instant publishedAt) {

    public boolean stackable() {
        return stacksInto != null && !stacksInto.isEmpty();
    }

    public static CatalogueEntry fromDocument(Document d) {
        Document report = d.get("frameworkReport", Document.class);
        String state = d.getString("providerState");
        return new CatalogueEntry(d.getString("_id"), d.getString("providerId"), d.getString("providerName"),
                d.getString("province"), state == null ? null : State.valueOf(state), text(d.get("name", Document.class)),
                text(d.get("description", Document.class)),
                d.getList("skills", Document.class, List.of()).stream()
                        .map(s -> new SkillAlignment(s.getString("framework"), s.getString("code"), s.getString("name"),
                                s.getString("url")))
                        .toList(),
                d.getList("occupations", String.class, List.of()), d.getString("sector"), d.getString("deliveryMode"),
                Boolean.TRUE.equals(d.getBoolean("selfPaced")),
                d.get("workloadHours") instanceof Number n ? n.doubleValue() : null,
                d.getList("languages", String.class, List.of()), d.getString("level"),
                d.getList("stacksInto", String.class, List.of()),
                report == null ? null : new FrameworkReport(flag(report, "taxonomyLink"),
                        flag(report, "masteryAssessment"), flag(report, "portfolioEvidence"),
                        flag(report, "verificationBody"), flag(report, "flexibleDelivery"),
                        report.getList("missing", String.class, List.of())),
                d.getString("url"), d.get("publishedAt") instanceof Date date ? date.toInstant() : null);
    }

    private static LocalizedText text(Document d) {
        return d == null ? null : new LocalizedText(d.getString("en"), d.getString("fr"));
    }

    private static boolean flag(Document d, String field) {
        return Boolean.TRUE.equals(d.getBoolean(field));
    }
}
