package ca.microcred.issuer.achievement.mapping;

import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.Province;
import ca.microcred.contracts.events.SkillAlignment;
import ca.microcred.credentials.jsonld.JsonLdCanonicalizer;
import ca.microcred.issuer.achievement.Achievement;
import ca.microcred.issuer.achievement.AchievementDefinition;
import ca.microcred.issuer.achievement.AchievementStatus;
import ca.microcred.issuer.achievement.AssessmentType;
import ca.microcred.issuer.provider.Provider;
import ca.microcred.issuer.provider.ProviderType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenBadgeAchievementTest {

    private static final String URL = "https://issuer.microcred.ca/achievements/a1";

    static Achievement achievement(double workloadHours) {
        AchievementDefinition definition = new AchievementDefinition(
                new LocalizedText("Welding Inspection", "Inspection du soudage"),
                new LocalizedText("Inspect welds to CSA W178.2.", "Inspecter des soudures selon CSA W178.2."),
                new LocalizedText("Pass the practical inspection.", "Réussir l'inspection pratique."),
                List.of(new LocalizedText("Read weld symbols", "Lire les symboles de soudage")),
                List.of(new SkillAlignment("NOC", "72106", "Welders", "https://noc.esdc.gc.ca/")),
                new AchievementDefinition.Assessment(AssessmentType.PRACTICAL, true),
                true,
                new AchievementDefinition.QualityAssuranceBody("CWB Group", "https://www.cwbgroup.org"),
                DeliveryMode.IN_PERSON, true, workloadHours, 1.5, "Advanced", List.of("fr-CA", "en"),
                List.of("Welding level 1"), List.of("72106"), "Construction",
                List.of("https://issuer.microcred.ca/achievements/a0"));
        Instant now = Instant.parse("2027-01-01T00:00:00Z");
        return new Achievement("a1", "p1", AchievementStatus.PUBLISHED, definition, 1, 1, now, now, now);
    }

    static Provider provider() {
        Instant now = Instant.parse("2027-01-01T00:00:00Z");
        return new Provider("p1", new LocalizedText("Cégep de Lévis", "Cégep de Lévis"), "https://www.cegeplevis.ca",
                "info@cegeplevis.ca", Province.QC, ProviderType.COLLEGE, false,
                "did:web:issuer.microcred.ca:providers:p1", List.of(), "key-1", now, now);
    }

    @Test
    void thePublicDocumentIsJsonLdWithoutUndefinedTerms() {
        for (double hours : new double[]{40, 37.5}) {
            Map<String, Object> document = OpenBadgeAchievement.document(achievement(hours), provider(), URL, "fr",
                    Map.of());
            ObjectNode json = new ObjectMapper().valueToTree(document);
            String nquads = JsonLdCanonicalizer.shared().canonicalize(json);
            assertTrue(nquads.contains("<https://microcred.ca/ns/microcredential#workloadHours>"), nquads);
            assertTrue(nquads.contains("<https://microcred.ca/ns/microcredential#competencyBased> \"true\""), nquads);
            assertTrue(nquads.contains("<https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievementType> \"MicroCredential\""),
                    nquads);
            assertTrue(nquads.contains("\"Inspection du soudage\""), nquads);
            assertTrue(nquads.contains("<https://microcred.ca/ns/microcredential#nocOccupation> \"72106\""), nquads);
        }
    }

    @Test
    void theEmbeddedAchievementUsesOnlyDefinedTerms() {
        Map<String, Object> credentialLike = new java.util.LinkedHashMap<>();
        credentialLike.put("@context", OpenBadgeAchievement.CONTEXT);
        credentialLike.putAll(OpenBadgeAchievement.achievement(achievement(40), provider(), URL, "en", Map.of()));
        ObjectNode json = new ObjectMapper().valueToTree(credentialLike);
        String nquads = JsonLdCanonicalizer.shared().canonicalize(json);
        assertTrue(!nquads.contains("issuer-dependent"), nquads);
        assertTrue(nquads.contains("<https://microcred.ca/ns/microcredential#stacksInto> <https://issuer.microcred.ca/achievements/a0>"),
                nquads);
    }
}
