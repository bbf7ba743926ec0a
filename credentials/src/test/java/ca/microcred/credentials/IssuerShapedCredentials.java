package ca.microcred.credentials;

import java.time.Instant;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.jsonld.OfflineDocumentLoader;

/**
 * Random credentials built the way issuer-service builds them for a cohort completion (its UnsignedCredentials,
 * the signed issuer Profile and credentialStatus its CompletionProcessor adds, and the embedded Achievement of its
 * OpenBadgeAchievement, which reaches the credential as parsed JSON text). One {@link Completion} shares the
 * context, achievement and issuer; each learner varies id, recipient identities, result, evidence, status entries
 * and validFrom. Texts draw on accents, quotes, backslashes, line breaks, control characters and non-BMP
 * characters.
 */
public final class IssuerShapedCredentials {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String[] WORDS = {"Soudage", "à", "l'arc", "niveau", "Électricité", "résidentielle",
            "Gestion", "de", "projet", "\"agile\"", "C:\\outils\\", "ligne\nsuivante", "tab\tulé", "Œuvre", "naïve",
            "façade", "Ça", "été", "déjà", "Ünïcødé", "日本語", "😀", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "e\u0301", "\u2028", "\u0001", "\u007f", "back\bspace", "form\ffeed", "cr\r\nlf", "\ud800", "\udfff",
            "\u0000", "\u001f", "\u0080", "\ufffd", "\ufeff",
            "<b>bold</b>", "a&b", "50%", "#hash", "{json}", "[1]", "Saint-Jean-sur-Richelieu", "O'Neil", "Ste-Foy",
            "Première Nation", "Nunavut", "ᐃᓄᒃᑎᑐᑦ", ""};

    private static final String[] FRAMEWORKS = {"ESCO", "NOC 2021", "O*NET", "Other"};
    private static final String[] ASSESSMENTS = {"PRACTICAL_DEMONSTRATION", "EXAM", "PROJECT", "PORTFOLIO"};
    private static final String[] DELIVERY = {"ONLINE", "IN_PERSON", "HYBRID"};
    private static final String[] GRADES = {"A", "B+", "92", "Réussi", "Pass", "Excellent — 95 %"};

    private IssuerShapedCredentials() {
    }

    /** What one completion shares: language, issuer, achievement. */
    public static final class Completion {
        final String language;
        final String base;
        final String providerId;
        final ObjectNode issuer;
        final String achievementText;
        final String achievementName;
        final Instant acceptedAt;
        final boolean includeLearnerName;

        Completion(String language, String base, String providerId, ObjectNode issuer, String achievementText,
                String achievementName, Instant acceptedAt, boolean includeLearnerName) {
            this.language = language;
            this.base = base;
            this.providerId = providerId;
            this.issuer = issuer;
            this.achievementText = achievementText;
            this.achievementName = achievementName;
            this.acceptedAt = acceptedAt;
            this.includeLearnerName = includeLearnerName;
        }
    }

    public static Completion completion(Random random) {
        String language = random.nextBoolean() ? "fr" : "en";
        String base = "https://issuer" + random.nextInt(5) + ".microcred.ca";
        String providerId = "p-" + random.nextInt(1000);
        String did = "did:web:issuer.microcred.ca:providers:" + providerId;
        String url = base + "/achievements/" + providerId + "-a" + random.nextInt(100000);

        ObjectNode issuer = JSON.objectNode();
        issuer.put("id", did);
        issuer.putArray("type").add("Profile");
        issuer.put("name", text(random, 1, 6));
        issuer.put("url", "https://provider" + random.nextInt(100) + ".example.ca");
        issuer.put("email", "registrar" + random.nextInt(100) + "@example.ca");

        ObjectNode achievement = JSON.objectNode();
        achievement.put("id", url);
        achievement.putArray("type").add("Achievement");
        achievement.put("achievementType", "MicroCredential");
        String name = text(random, 1, 8);
        achievement.put("name", name);
        achievement.put("description", text(random, 0, 30));
        StringBuilder narrative = new StringBuilder(text(random, 1, 20));
        int outcomes = random.nextInt(5);
        if (outcomes > 0) {
            narrative.append("\n\n").append("fr".equals(language) ? "Résultats d'apprentissage :" : "Learning outcomes:");
            for (int i = 0; i < outcomes; i++) {
                narrative.append("\n- ").append(text(random, 1, 8));
            }
        }
        achievement.putObject("criteria").put("narrative", narrative.toString());
        ObjectNode creator = achievement.putObject("creator");
        // the provider's own DID: the same node as the issuer, possibly described a little differently
        creator.put("id", random.nextInt(4) == 0 ? "did:web:other.example.ca" : did);
        creator.putArray("type").add("Profile");
        creator.put("name", random.nextBoolean() ? issuer.get("name").asText() : text(random, 1, 5));
        creator.put("url", issuer.get("url").asText());
        creator.put("email", issuer.get("email").asText());
        int skills = random.nextInt(5);
        if (skills > 0) {
            ArrayNode alignments = achievement.putArray("alignment");
            for (int i = 0; i < skills; i++) {
                ObjectNode alignment = alignments.addObject();
                alignment.putArray("type").add("Alignment");
                alignment.put("targetName", text(random, 1, 6));
                alignment.put("targetUrl", "https://skills.example.ca/" + random.nextInt(1000) + "/" + i);
                alignment.put("targetCode", "S" + i + "." + random.nextInt(100));
                alignment.put("targetFramework", FRAMEWORKS[random.nextInt(FRAMEWORKS.length)]);
                alignment.put("targetType", "ceasn:Competency");
            }
        }
        if (random.nextBoolean()) {
            achievement.put("creditsAvailable", random.nextInt(3) == 0 ? (double) random.nextInt(10)
                    : random.nextInt(100) / 4.0);
        }
        String sector = random.nextBoolean() ? text(random, 1, 3) : null;
        if (sector != null) {
            achievement.put("fieldOfStudy", sector);
        }
        achievement.put("inLanguage", random.nextBoolean() ? "fr-CA" : "en");
        ObjectNode resultDescription = achievement.putArray("resultDescription").addObject();
        resultDescription.put("id", url + "#result");
        resultDescription.putArray("type").add("ResultDescription");
        resultDescription.put("name", ("fr".equals(language) ? "Résultat de l'évaluation (" : "Assessment result (")
                + ASSESSMENTS[random.nextInt(ASSESSMENTS.length)].toLowerCase() + ")");
        resultDescription.put("resultType", "Result");
        achievement.put("version", String.valueOf(1 + random.nextInt(9)));
        if (random.nextBoolean()) {
            achievement.put("workloadHours", (long) random.nextInt(400));
        } else {
            achievement.put("workloadHours", random.nextInt(4000) / 10.0 + 0.5);
        }
        achievement.put("assessmentType", ASSESSMENTS[random.nextInt(ASSESSMENTS.length)]);
        achievement.put("competencyBased", random.nextBoolean());
        achievement.put("portfolioRequired", random.nextBoolean());
        if (random.nextBoolean()) {
            ObjectNode body = achievement.putObject("qualityAssurance");
            body.put("type", "QualityAssuranceBody");
            body.put("name", text(random, 1, 5));
            body.put("url", "https://qa" + random.nextInt(10) + ".example.ca");
        }
        achievement.put("deliveryMode", DELIVERY[random.nextInt(DELIVERY.length)]);
        achievement.put("selfPaced", random.nextBoolean());
        achievement.put("level", text(random, 1, 2));
        if (sector != null) {
            achievement.put("sector", sector);
        }
        int prerequisites = random.nextInt(3);
        if (prerequisites > 0) {
            ArrayNode list = achievement.putArray("prerequisites");
            for (int i = 0; i < prerequisites; i++) {
                list.add(text(random, 1, 4) + " " + i);
            }
        }
        int stacks = random.nextInt(3);
        if (stacks > 0) {
            ArrayNode list = achievement.putArray("stacksInto");
            for (int i = 0; i < stacks; i++) {
                list.add(base + "/achievements/" + providerId + "-s" + i);
            }
        }
        return new Completion(language, base, providerId, issuer, achievement.toString(), name,
                Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000)), random.nextBoolean());
    }

    /** The signed-to-be credential of one learner of the completion. */
    public static ObjectNode credential(Completion completion, Random random, int learner) {
        ObjectNode credential = JSON.objectNode();
        ArrayNode context = credential.putArray("@context");
        context.add(OfflineDocumentLoader.CREDENTIALS_V2).add(OfflineDocumentLoader.OPEN_BADGES_V3)
                .add(OfflineDocumentLoader.MICROCREDENTIAL_V1);
        credential.put("id", completion.base + "/credentials/" + Long.toHexString(random.nextLong()) + learner);
        credential.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        credential.put("name", completion.achievementName);
        credential.set("issuer", completion.issuer.deepCopy());
        credential.put("validFrom", completion.acceptedAt.plusSeconds(random.nextInt(3)).toString());

        ObjectNode subject = credential.putObject("credentialSubject");
        subject.putArray("type").add("AchievementSubject");
        ArrayNode identifiers = subject.putArray("identifier");
        ObjectNode identity = identifiers.addObject();
        identity.put("type", "IdentityObject");
        identity.put("identityHash", "sha256$" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
        identity.put("identityType", "emailAddress");
        identity.put("hashed", true);
        identity.put("salt", Long.toHexString(random.nextLong()));
        if (completion.includeLearnerName) {
            ObjectNode name = identifiers.addObject();
            name.put("type", "IdentityObject");
            name.put("identityHash", text(random, 1, 4) + " #" + learner);
            name.put("identityType", "name");
            name.put("hashed", false);
        }
        ObjectNode achievement;
        try {
            achievement = (ObjectNode) MAPPER.readTree(completion.achievementText);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        subject.set("achievement", achievement);
        ObjectNode result = subject.putArray("result").addObject();
        result.putArray("type").add("Result");
        result.put("resultDescription", achievement.path("id").asText() + "#result");
        result.put("status", "Completed");
        if (random.nextBoolean()) {
            result.put("value", GRADES[random.nextInt(GRADES.length)]);
        }
        int links = random.nextInt(4);
        if (links > 0) {
            ArrayNode evidence = credential.putArray("evidence");
            for (int i = 0; i < links; i++) {
                ObjectNode item = evidence.addObject();
                item.put("id", "https://portfolio.example.ca/l" + learner + "/" + random.nextInt(1000) + "?p=" + i);
                item.putArray("type").add("Evidence");
                item.put("name", "Portfolio");
                item.put("genre", "fr".equals(completion.language) ? "Portfolio de l'apprenant" : "Learner portfolio");
            }
        }
        ArrayNode status = credential.putArray("credentialStatus");
        int index = random.nextInt(131_072);
        for (String purpose : new String[] {"revocation", "suspension"}) {
            String list = completion.base + "/providers/" + completion.providerId + "/status-lists/" + purpose;
            ObjectNode entry = status.addObject();
            entry.put("id", list + "#" + index);
            entry.put("type", "BitstringStatusListEntry");
            entry.put("statusPurpose", purpose);
            entry.put("statusListIndex", String.valueOf(index));
            entry.put("statusListCredential", list);
        }
        return credential;
    }

    /** A random credential of a random completion. */
    public static ObjectNode random(Random random) {
        return credential(completion(random), random, random.nextInt(10_000));
    }

    /** Words separated by spaces, sometimes none at all. */
    static String text(Random random, int min, int max) {
        int count = min + random.nextInt(max - min + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(random.nextInt(8) == 0 ? "  " : " ");
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    /** A deep copy that can be changed without touching the original. */
    public static ObjectNode copy(JsonNode document) {
        return (ObjectNode) document.deepCopy();
    }
}
