package ca.microcred.issuer.achievement.rest;

import ca.microcred.contracts.events.FrameworkReport;
import ca.microcred.issuer.achievement.FrameworkCheck;

import java.util.List;

/**
 * The framework report as the API shows it: each must-have met or not, and for each missing one what to add,
 * in English and French.
 */
public record FrameworkReportView(
        boolean taxonomyLink,
        boolean masteryAssessment,
        boolean portfolioEvidence,
        boolean verificationBody,
        boolean flexibleDelivery,
        boolean complete,
        List<Missing> missing) {

    /** @param element the must-have's code, e.g. {@code masteryAssessment} */
    public record Missing(String element, String en, String fr) {
    }

    static FrameworkReportView of(FrameworkReport report) {
        List<Missing> missing = report.missing().stream()
                .map(FrameworkCheck::byCode)
                .map(m -> new Missing(m.code(), m.en(), m.fr()))
                .toList();
        return new FrameworkReportView(report.taxonomyLink(), report.masteryAssessment(), report.portfolioEvidence(),
                report.verificationBody(), report.flexibleDelivery(), report.complete(), missing);
    }
}
