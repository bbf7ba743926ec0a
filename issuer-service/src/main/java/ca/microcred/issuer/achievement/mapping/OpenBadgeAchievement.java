package ca.microcred.issuer.achievement.mapping;

import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.SkillAlignment;
import ca.microcred.credentials.jsonld.OfflineDocumentLoader;
import ca.microcred.credentials.openbadges.QualityAssuranceBody;
import ca.microcred.issuer.achievement.Achievement;
import ca.microcred.issuer.achievement.AchievementDefinition;
import ca.microcred.issuer.provider.Provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a micro-credential to an Open Badges 3.0 {@code Achievement}. Elements with a standard OB field go
 * there; the others are extension terms documented in the service README ("Micro-credential metadata in Open
 * Badges 3.0"), defined by the micro-credential context {@code https://microcred.ca/ns/microcredential/v1}
 * so a signed credential embedding the Achievement canonicalises without undefined terms. Texts appear in one
 * language per document (English unless French is asked for).
 */
public final class OpenBadgeAchievement {

    /**
     * Contexts a document carrying the Achievement needs: VC 2.0, Open Badges 3.0 and the micro-credential
     * extension context (bundled by the credentials library) that defines the extension terms used here.
     */
    public static final List<String> CONTEXT = List.of(OfflineDocumentLoader.CREDENTIALS_V2,
            OfflineDocumentLoader.OPEN_BADGES_V3, OfflineDocumentLoader.MICROCREDENTIAL_V1);

    private OpenBadgeAchievement() {
    }

    /** Catalogue terms of the public document that credentials do not carry, defined inline. */
    private static final Map<String, Object> CATALOGUE_TERMS = Map.of(
            "learningOutcomes", Map.of("@id", "https://microcred.ca/ns/microcredential#learningOutcomes",
                    "@container", "@list"),
            "teachingLanguages", Map.of("@id", "https://microcred.ca/ns/microcredential#teachingLanguages",
                    "@container", "@set"),
            "occupations", Map.of("@id", "https://microcred.ca/ns/microcredential#nocOccupation",
                    "@container", "@set"));

    /**
     * The document served at the achievement's public URL: the Achievement with its {@code @context}, plus
     * catalogue details credentials do not carry: the learning outcomes as a list, every teaching language and
     * the NOC 2021 occupation codes.
     */
    public static Map<String, Object> document(Achievement achievement, Provider provider, String url, String language,
                                               Map<String, String> stackUrls) {
        AchievementDefinition d = achievement.definition();
        String lang = "fr".equalsIgnoreCase(language) ? "fr" : "en";
        List<Object> context = new ArrayList<>(CONTEXT);
        context.add(CATALOGUE_TERMS);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("@context", context);
        document.putAll(achievement(achievement, provider, url, language, stackUrls));
        document.put("learningOutcomes", d.learningOutcomes().stream().map(o -> o.in(lang)).toList());
        document.put("teachingLanguages", d.languages());
        if (!d.occupations().isEmpty()) {
            document.put("occupations", d.occupations());
        }
        return document;
    }

    /**
     * The Achievement object as credentials embed it ({@code credentialSubject.achievement}).
     *
     * @param url       the achievement's public URL, its {@code id}
     * @param language  {@code fr} for French texts, anything else for English
     * @param stackUrls public URLs of the achievements it stacks into, by id
     */
    public static Map<String, Object> achievement(Achievement achievement, Provider provider, String url,
                                                  String language, Map<String, String> stackUrls) {
        AchievementDefinition d = achievement.definition();
        String lang = "fr".equalsIgnoreCase(language) ? "fr" : "en";
        Map<String, Object> ob = new LinkedHashMap<>();
        ob.put("id", url);
        ob.put("type", List.of("Achievement"));
        ob.put("achievementType", "MicroCredential");
        ob.put("name", d.name().in(lang));
        ob.put("description", d.description().in(lang));
        ob.put("criteria", Map.of("narrative", criteriaNarrative(d, lang)));
        ob.put("creator", creator(provider, lang));
        if (!d.skills().isEmpty()) {
            ob.put("alignment", d.skills().stream().map(OpenBadgeAchievement::alignment).toList());
        }
        if (d.creditsAvailable() != null) {
            ob.put("creditsAvailable", d.creditsAvailable());
        }
        if (d.sector() != null) {
            ob.put("fieldOfStudy", d.sector());
        }
        ob.put("inLanguage", d.languages().get(0));
        ob.put("resultDescription", List.of(resultDescription(url, d, lang)));
        ob.put("version", String.valueOf(achievement.publishedRevision() > 0 ? achievement.publishedRevision()
                : achievement.revision()));

        ob.put("workloadHours", wholeIfPossible(d.workloadHours()));
        ob.put("assessmentType", d.assessment().type().name());
        ob.put("competencyBased", d.assessment().competencyBased());
        ob.put("portfolioRequired", d.portfolioEvidenceRequired());
        if (d.qualityAssuranceBody() != null) {
            QualityAssuranceBody body = QualityAssuranceBody.of(d.qualityAssuranceBody().name(),
                    d.qualityAssuranceBody().url());
            Map<String, Object> qualityAssurance = new LinkedHashMap<>();
            qualityAssurance.put("type", body.type());
            qualityAssurance.put("name", body.name());
            qualityAssurance.put("url", body.url());
            ob.put("qualityAssurance", qualityAssurance);
        }
        ob.put("deliveryMode", d.deliveryMode().name());
        ob.put("selfPaced", d.selfPaced());
        ob.put("level", d.level());
        if (d.sector() != null) {
            ob.put("sector", d.sector());
        }
        if (!d.prerequisites().isEmpty()) {
            ob.put("prerequisites", d.prerequisites());
        }
        if (!d.stacksInto().isEmpty()) {
            ob.put("stacksInto", d.stacksInto().stream().map(id -> stackUrls.getOrDefault(id, id)).toList());
        }
        return ob;
    }

    /** The extension context types workloadHours as an integer: whole hours are written as one. */
    private static Number wholeIfPossible(double hours) {
        return hours == Math.rint(hours) ? (Number) Long.valueOf((long) hours) : (Number) Double.valueOf(hours);
    }

    private static Map<String, Object> creator(Provider provider, String lang) {
        Map<String, Object> creator = new LinkedHashMap<>();
        creator.put("id", provider.did());
        creator.put("type", List.of("Profile"));
        creator.put("name", provider.name().in(lang));
        creator.put("url", provider.url());
        creator.put("email", provider.email());
        return creator;
    }

    /** The criteria text, followed by the learning outcomes as a Markdown list so plain OB readers show them. */
    private static String criteriaNarrative(AchievementDefinition d, String lang) {
        StringBuilder narrative = new StringBuilder(d.criteria().in(lang));
        if (!d.learningOutcomes().isEmpty()) {
            narrative.append("\n\n").append("fr".equals(lang) ? "Résultats d'apprentissage :" : "Learning outcomes:");
            for (LocalizedText outcome : d.learningOutcomes()) {
                narrative.append("\n- ").append(outcome.in(lang));
            }
        }
        return narrative.toString();
    }

    private static Map<String, Object> alignment(SkillAlignment skill) {
        Map<String, Object> alignment = new LinkedHashMap<>();
        alignment.put("type", List.of("Alignment"));
        alignment.put("targetName", skill.name());
        alignment.put("targetUrl", skill.url());
        alignment.put("targetCode", skill.code());
        alignment.put("targetFramework", frameworkName(skill.framework()));
        alignment.put("targetType", "ceasn:Competency");
        return alignment;
    }

    private static String frameworkName(String framework) {
        switch (framework) {
            case "ESCO":
                return "ESCO";
            case "NOC":
                return "NOC 2021";
            case "ONET":
                return "O*NET";
            default:
                return "Other";
        }
    }

    private static Map<String, Object> resultDescription(String url, AchievementDefinition d, String lang) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", url + "#result");
        result.put("type", List.of("ResultDescription"));
        String type = d.assessment().type().name().toLowerCase(java.util.Locale.ROOT);
        result.put("name", ("fr".equals(lang) ? "Résultat de l'évaluation (" : "Assessment result (") + type + ")");
        result.put("resultType", "Result");
        return result;
    }
}
