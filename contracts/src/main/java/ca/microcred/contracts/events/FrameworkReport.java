package ca.microcred.contracts.events;

import java.util.List;

/**
 * Which of the national framework's five must-haves a micro-credential meets: taxonomy link, mastery
 * assessment, portfolio evidence, verification body, flexible delivery.
 */
public record FrameworkReport(
        boolean taxonomyLink,
        boolean masteryAssessment,
        boolean portfolioEvidence,
        boolean verificationBody,
        boolean flexibleDelivery,
        List<String> missing) {

    public boolean complete() {
        return missing == null || missing.isEmpty();
    }
}
