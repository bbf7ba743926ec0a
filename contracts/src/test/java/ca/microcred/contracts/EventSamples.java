package ca.microcred.contracts;

import ca.microcred.contracts.events.AchievementPublished;
import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.contracts.events.CredentialIssued;
import ca.microcred.contracts.events.CredentialRevoked;
import ca.microcred.contracts.events.EventPayload;
import ca.microcred.contracts.events.EventType;
import ca.microcred.contracts.events.FrameworkReport;
import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.ProviderAccreditationChanged;
import ca.microcred.contracts.events.ProviderRegistered;
import ca.microcred.contracts.events.SkillAlignment;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * One realistic payload per event type, with every optional field filled so each schema property is exercised.
 * The switch has no default: a new event type does not compile until it has a sample.
 */
final class EventSamples {

    static final Instant T0 = Instant.parse("2025-06-12T18:30:00.123456789Z");

    private static final ObjectMapper MAPPER = new EventCodec().mapper();

    private EventSamples() {
    }

    static EventPayload sample(EventType type) {
        return switch (type) {
            case PROVIDER_REGISTERED -> providerRegistered();
            case ACHIEVEMENT_PUBLISHED -> achievementPublished();
            case COHORT_COMPLETED -> cohortCompleted();
            case CREDENTIAL_ISSUED -> credentialIssued();
            case CREDENTIAL_REVOKED -> new CredentialRevoked("cred-7f3a9c", "prov-cegep-sj",
                    CredentialRevoked.Action.SUSPENDED, "Plagiat signalé lors de l'évaluation finale",
                    T0.plusSeconds(86_400));
            case PROVIDER_ACCREDITATION_CHANGED -> new ProviderAccreditationChanged("prov-cegep-sj",
                    "did:web:issuer.microcred.ca:providers:prov-cegep-sj", ProviderAccreditationChanged.State.PENDING,
                    ProviderAccreditationChanged.State.ACCREDITED, "Meets all five national framework criteria",
                    "operator-42", T0);
        };
    }

    static ProviderRegistered providerRegistered() {
        return new ProviderRegistered("prov-cegep-sj",
                new LocalizedText("Cégep de Saint-Jérôme", "Cégep de Saint-Jérôme"),
                "https://www.cstj.qc.ca", "formation.continue@cstj.qc.ca", "QC", "college",
                "did:web:issuer.microcred.ca:providers:prov-cegep-sj", T0);
    }

    static AchievementPublished achievementPublished() {
        return new AchievementPublished("ach-pm-101", "prov-cegep-sj",
                new LocalizedText("Project management fundamentals", "Fondements de la gestion de projets"),
                new LocalizedText("Plan, run and close a small project.",
                        "Planifier, mener et clôturer un projet de petite envergure."),
                List.of(new SkillAlignment("ESCO", "S4.2.1", "manage projects",
                                "http://data.europa.eu/esco/skill/4d71f1fb-8d0e-4fd2-a7f8-3b5c2f4f3e0c"),
                        new SkillAlignment("NOC", "70012", "Facility operation and maintenance managers", null)),
                List.of("70012", "21120"), "Construction", "HYBRID", true, 45.5, List.of("fr", "en"),
                "introductory", List.of("ach-pm-cert"),
                new FrameworkReport(true, true, false, true, true, List.of("portfolioEvidence")),
                "https://catalogue.microcred.ca/achievements/ach-pm-101", T0);
    }

    static CohortCompleted cohortCompleted() {
        return new CohortCompleted("cohort-2025-printemps", "completion-81d2", "ach-pm-101", "prov-cegep-sj",
                new LocalizedText("Project management fundamentals", "Fondements de la gestion de projets"),
                "QC", "IN_PERSON", "fr-CA", T0, 24, 21, 19,
                List.of(new CohortCompleted.Graduate("Chloé Bélanger-Gagnon", "chloe.belanger@example.ca",
                        List.of("https://portfolio.example.ca/chloe"), "cred-7f3a9c",
                        "https://verify.microcred.ca/credentials/cred-7f3a9c")));
    }

    static CredentialIssued credentialIssued() {
        JsonNode credential = json("""
                {
                  "@context": ["https://www.w3.org/ns/credentials/v2",
                               "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
                  "id": "urn:uuid:5b1f2c1e-7c1d-4f6e-9a5e-2f4d8b0c9a11",
                  "type": ["VerifiableCredential", "OpenBadgeCredential"],
                  "issuer": {"id": "did:web:issuer.microcred.ca:providers:prov-cegep-sj", "type": ["Profile"],
                             "name": "Cégep de Saint-Jérôme"},
                  "validFrom": "2025-06-12T18:30:00Z",
                  "credentialSubject": {"type": ["AchievementSubject"],
                                        "achievement": {"id": "https://catalogue.microcred.ca/achievements/ach-pm-101",
                                                        "type": ["Achievement"],
                                                        "name": "Fondements de la gestion de projets"}}
                }""");
        String jwt = base64Url("{\"alg\":\"EdDSA\",\"typ\":\"vc+jwt\"}") + "." + base64Url(credential.toString())
                + "." + base64Url("signature bytes of a 64-byte Ed25519 signature, here only a placeholder");
        return new CredentialIssued("cred-7f3a9c", "ach-pm-101", "prov-cegep-sj", "cohort-2025-printemps",
                "sha256$" + "3f".repeat(32), "c2FsdC0xMjM0", T0, T0, T0.plusSeconds(3L * 365 * 86_400), "vc-jwt",
                credential, jwt, "https://issuer.microcred.ca/credentials/cred-7f3a9c");
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
