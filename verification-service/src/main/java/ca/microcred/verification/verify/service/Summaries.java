package ca.microcred.verification.verify.service;

import ca.microcred.verification.verify.Verification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The employer's summary, read from the credential document. */
final class Summaries {

    private Summaries() {
    }

    static Verification.Summary of(ObjectNode credential, String providerId) {
        JsonNode subject = credential.path("credentialSubject");
        JsonNode achievement = subject.path("achievement");
        String language = achievement.path("inLanguage").asText("en");
        String name = text(achievement, "name");
        String nameEn = text(achievement.path("translations").path("en"), "name");
        String nameFr = text(achievement.path("translations").path("fr"), "name");
        if (nameEn == null && !language.startsWith("fr")) {
            nameEn = name;
        }
        if (nameFr == null && language.startsWith("fr")) {
            nameFr = name;
        }
        JsonNode issuer = credential.path("issuer");
        Instant issuedAt = DocumentChecks.instant(credential.get("validFrom"))
                .or(() -> DocumentChecks.instant(credential.get("issuanceDate"))).orElse(null);
        Instant validUntil = DocumentChecks.instant(credential.get("validUntil"))
                .or(() -> DocumentChecks.instant(credential.get("expirationDate"))).orElse(null);
        return new Verification.Summary(
                text(achievement, "id"),
                nameEn,
                nameFr,
                text(achievement, "description"),
                providerId,
                issuer.isObject() ? text(issuer, "name") : null,
                DocumentChecks.issuerId(credential).orElse(null),
                issuedAt,
                validUntil,
                skills(achievement.path("alignment")),
                nonEmpty(achievement.get("occupations")),
                nonEmpty(achievement.get("frameworkReport")),
                evidence(credential.path("evidence")),
                nonEmpty(subject.get("result")));
    }

    private static List<Verification.Skill> skills(JsonNode alignments) {
        List<Verification.Skill> skills = new ArrayList<>();
        for (JsonNode a : alignments) {
            skills.add(new Verification.Skill(text(a, "targetName"), text(a, "targetCode"),
                    text(a, "targetFramework"), text(a, "targetUrl")));
        }
        return skills;
    }

    private static List<Verification.Evidence> evidence(JsonNode evidence) {
        List<Verification.Evidence> links = new ArrayList<>();
        if (evidence.isObject()) {
            links.add(new Verification.Evidence(text(evidence, "id"), text(evidence, "name"),
                    text(evidence, "description")));
        }
        for (JsonNode e : evidence) {
            if (e.isObject()) {
                links.add(new Verification.Evidence(text(e, "id"), text(e, "name"), text(e, "description")));
            }
        }
        return links;
    }

    private static JsonNode nonEmpty(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.isEmpty() ? null : node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
