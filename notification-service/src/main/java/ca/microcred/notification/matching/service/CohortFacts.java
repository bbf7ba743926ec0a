package ca.microcred.notification.matching.service;

import ca.microcred.contracts.events.CohortCompleted;
import ca.microcred.notification.achievement.Achievement;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What subscriptions can ask of a completed cohort: its own facts, completed by the achievement's read model for
 * those the cohort does not carry. The cohort's own delivery mode and language win over the achievement's, which
 * may list several; an achievement not (yet) known contributes nothing, so skill and occupation criteria do not
 * match it.
 */
public record CohortFacts(String achievementId, String providerId, String province, Set<String> skills,
                          Set<String> occupations, Set<String> deliveryModes, Set<String> languages) {

    public static CohortFacts of(CohortCompleted cohort, Optional<Achievement> achievement) {
        Set<String> skills = new LinkedHashSet<>();
        Set<String> occupations = new LinkedHashSet<>();
        Set<String> modes = new LinkedHashSet<>();
        Set<String> languages = new LinkedHashSet<>();
        achievement.ifPresent(a -> {
            if (a.skills != null) {
                skills.addAll(a.skills);
            }
            if (a.occupations != null) {
                occupations.addAll(a.occupations);
            }
        });
        if (cohort.deliveryMode() != null && !cohort.deliveryMode().isBlank()) {
            modes.add(cohort.deliveryMode().trim().toUpperCase(Locale.ROOT));
        } else {
            achievement.map(a -> a.deliveryMode).filter(m -> !m.isBlank())
                    .ifPresent(m -> modes.add(m.trim().toUpperCase(Locale.ROOT)));
        }
        if (cohort.language() != null && !cohort.language().isBlank()) {
            languages.add(MatchKeys.language(cohort.language()));
        } else {
            achievement.ifPresent(a -> {
                if (a.languages != null) {
                    languages.addAll(a.languages);
                }
            });
        }
        String province = cohort.province() == null ? null : cohort.province().trim().toUpperCase(Locale.ROOT);
        String provider = cohort.providerId() != null ? cohort.providerId()
                : achievement.map(a -> a.providerId).orElse(null);
        return new CohortFacts(cohort.achievementId(), provider, province, skills, occupations, modes, languages);
    }
}
