package ca.microcred.issuer.achievement;

import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.FrameworkReport;
import ca.microcred.contracts.events.SkillFramework;

import java.util.ArrayList;
import java.util.List;

/**
 * The national framework's five must-haves for a micro-credential and whether a definition meets them.
 * A definition that misses some can still be published; the report tells the provider and the catalogue
 * what is missing.
 */
public final class FrameworkCheck {

    /** One must-have: its code (as in the FrameworkReport event's {@code missing}) and what to add, in both languages. */
    public enum MustHave {
        TAXONOMY_LINK("taxonomyLink",
                "Link the micro-credential to a recognised skills taxonomy: align it with at least one ESCO, NOC or O*NET entry.",
                "Reliez le microcertificat à une taxonomie des compétences reconnue : alignez-le sur au moins une entrée ESCO, CNP ou O*NET."),
        MASTERY_ASSESSMENT("masteryAssessment",
                "Assess mastery: the assessment must be competency-based.",
                "Évaluez la maîtrise : l'évaluation doit être fondée sur les compétences."),
        PORTFOLIO("portfolioEvidence",
                "Require portfolio evidence from learners.",
                "Exigez des preuves de portfolio de la part des apprenants."),
        VERIFICATION_BODY("verificationBody",
                "Name the verifying or quality-assurance body.",
                "Indiquez l'organisme de vérification ou d'assurance qualité."),
        FLEXIBLE_DELIVERY("flexibleDelivery",
                "Offer flexible delivery: online, hybrid or self-paced.",
                "Offrez une formation flexible : en ligne, hybride ou à votre rythme.");

        private final String code;
        private final String en;
        private final String fr;

        MustHave(String code, String en, String fr) {
            this.code = code;
            this.en = en;
            this.fr = fr;
        }

        public String code() {
            return code;
        }

        public String en() {
            return en;
        }

        public String fr() {
            return fr;
        }
    }

    private FrameworkCheck() {
    }

    public static FrameworkReport of(AchievementDefinition d) {
        // every definition has an alignment; only one into a recognised taxonomy links it to the labour market
        boolean taxonomy = d.skills() != null && d.skills().stream()
                .anyMatch(s -> s.framework() != null && !SkillFramework.OTHER.name().equals(s.framework()));
        boolean mastery = d.assessment() != null && d.assessment().competencyBased();
        boolean portfolio = d.portfolioEvidenceRequired();
        boolean verification = d.qualityAssuranceBody() != null;
        boolean flexible = d.deliveryMode() == DeliveryMode.ONLINE || d.deliveryMode() == DeliveryMode.HYBRID
                || d.selfPaced();
        List<String> missing = new ArrayList<>();
        addIfMissing(missing, taxonomy, MustHave.TAXONOMY_LINK);
        addIfMissing(missing, mastery, MustHave.MASTERY_ASSESSMENT);
        addIfMissing(missing, portfolio, MustHave.PORTFOLIO);
        addIfMissing(missing, verification, MustHave.VERIFICATION_BODY);
        addIfMissing(missing, flexible, MustHave.FLEXIBLE_DELIVERY);
        return new FrameworkReport(taxonomy, mastery, portfolio, verification, flexible, List.copyOf(missing));
    }

    public static MustHave byCode(String code) {
        for (MustHave m : MustHave.values()) {
            if (m.code.equals(code)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown must-have " + code);
    }

    private static void addIfMissing(List<String> missing, boolean met, MustHave mustHave) {
        if (!met) {
            missing.add(mustHave.code());
        }
    }
}
