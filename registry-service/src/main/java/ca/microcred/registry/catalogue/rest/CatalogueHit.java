package ca.microcred.registry.catalogue.rest;

import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.SkillAlignment;
import ca.microcred.registry.catalogue.CatalogueEntry;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * One micro-credential in the public catalogue.
 *
 * @param score           relevance to the free text (only when sorted by relevance)
 * @param frameworkReport which of the national framework's five must-haves it meets
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogueHit(String id, LocalizedText name, LocalizedText description, ProviderRef provider,
                           List<SkillAlignment> skills, List<String> occupations, String sector, String deliveryMode,
                           boolean selfPaced, Double workloadHours, List<String> languages, String level,
                           boolean stackable, List<String> stacksInto, FrameworkReportView frameworkReport, String url,
                           Instant publishedAt, Integer score) {

    public record ProviderRef(String id, String name, String province) {
    }

    /**
     * @param complete true when all five must-haves are met
     * @param missing  the must-haves not met, as the provider's report names them
     */
    public record FrameworkReportView(boolean taxonomyLink, boolean masteryAssessment, boolean portfolioEvidence,
                                      boolean verificationBody, boolean flexibleDelivery, boolean complete,
                                      List<String> missing) {
    }

    static CatalogueHit of(CatalogueEntry e, Integer score) {
        FrameworkReportView report = e.frameworkReport() == null ? null : new FrameworkReportView(
                e.frameworkReport().taxonomyLink(), e.frameworkReport().masteryAssessment(),
                e.frameworkReport().portfolioEvidence(), e.frameworkReport().verificationBody(),
                e.frameworkReport().flexibleDelivery(), e.frameworkReport().complete(),
                e.frameworkReport().missing() == null ? List.of() : e.frameworkReport().missing());
        return new CatalogueHit(e.id(), e.name(), e.description(),
                new ProviderRef(e.providerId(), e.providerName(), e.province()), e.skills(), e.occupations(),
                e.sector(), e.deliveryMode(), e.selfPaced(), e.workloadHours(), e.languages(), e.level(),
                e.stackable(), e.stacksInto(), report, e.url(), e.publishedAt(), score);
    }
}
