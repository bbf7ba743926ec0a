package ca.microcred.notification.matching.service;

import ca.microcred.notification.subscription.Subscription;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The index that lets a cohort find its subscriptions without scanning them all. A subscription matches when every
 * criterion it sets is met, so it can only match cohorts that carry one of the values of any single criterion it
 * sets: that criterion's values, prefixed by kind, are the subscription's match keys (multikey-indexed). A cohort
 * turns every fact it has into keys the same way; the subscriptions holding any of them are the few candidates,
 * which {@link #matches} then checks in full. The criterion indexed is the most selective one set, so a
 * subscription for "language fr and achievement X" is only a candidate for cohorts of X.
 */
public final class MatchKeys {

    static final String ACHIEVEMENT = "a:";
    static final String SKILL = "s:";
    static final String OCCUPATION = "o:";
    static final String PROVIDER = "p:";
    static final String PROVINCE = "r:";
    static final String DELIVERY_MODE = "m:";
    static final String LANGUAGE = "l:";

    private MatchKeys() {
    }

    /** The canonical form of a skill: upper-case framework, then the code as given. */
    public static String skill(String framework, String code) {
        return framework.trim().toUpperCase(Locale.ROOT) + ":" + code.trim();
    }

    public static String upper(String value) {
        return value.trim().toUpperCase(Locale.ROOT);
    }

    /** The primary language subtag in lower case: {@code fr-CA} and {@code FR} both become {@code fr}. */
    public static String language(String tag) {
        String trimmed = tag.trim().toLowerCase(Locale.ROOT);
        int dash = trimmed.indexOf('-');
        return dash < 0 ? trimmed : trimmed.substring(0, dash);
    }

    /** The keys a subscription is indexed under: the values of its most selective criterion. */
    public static List<String> of(Subscription s) {
        if (!isEmpty(s.achievementIds)) {
            return prefixed(ACHIEVEMENT, s.achievementIds);
        }
        if (!isEmpty(s.skills)) {
            return prefixed(SKILL, s.skills);
        }
        if (!isEmpty(s.occupations)) {
            return prefixed(OCCUPATION, s.occupations);
        }
        if (!isEmpty(s.providerIds)) {
            return prefixed(PROVIDER, s.providerIds);
        }
        if (!isEmpty(s.provinces)) {
            return prefixed(PROVINCE, s.provinces);
        }
        if (!isEmpty(s.deliveryModes)) {
            return prefixed(DELIVERY_MODE, s.deliveryModes);
        }
        return prefixed(LANGUAGE, s.languages == null ? List.of() : s.languages);
    }

    /** Every key a cohort with these facts can be found under. */
    public static List<String> of(CohortFacts cohort) {
        List<String> keys = new ArrayList<>();
        if (cohort.achievementId() != null) {
            keys.add(ACHIEVEMENT + cohort.achievementId());
        }
        cohort.skills().forEach(v -> keys.add(SKILL + v));
        cohort.occupations().forEach(v -> keys.add(OCCUPATION + v));
        if (cohort.providerId() != null) {
            keys.add(PROVIDER + cohort.providerId());
        }
        if (cohort.province() != null) {
            keys.add(PROVINCE + cohort.province());
        }
        cohort.deliveryModes().forEach(v -> keys.add(DELIVERY_MODE + v));
        cohort.languages().forEach(v -> keys.add(LANGUAGE + v));
        return keys;
    }

    /** AND across the criteria the subscription sets, OR within each one. */
    public static boolean matches(Subscription s, CohortFacts cohort) {
        return anyOf(s.achievementIds, cohort.achievementId() == null ? Set.of() : Set.of(cohort.achievementId()))
                && anyOf(s.skills, cohort.skills())
                && anyOf(s.occupations, cohort.occupations())
                && anyOf(s.providerIds, cohort.providerId() == null ? Set.of() : Set.of(cohort.providerId()))
                && anyOf(s.provinces, cohort.province() == null ? Set.of() : Set.of(cohort.province()))
                && anyOf(s.deliveryModes, cohort.deliveryModes())
                && anyOf(s.languages, cohort.languages());
    }

    private static boolean anyOf(List<String> wanted, Set<String> present) {
        if (isEmpty(wanted)) {
            return true;
        }
        for (String value : wanted) {
            if (present.contains(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEmpty(Collection<?> values) {
        return values == null || values.isEmpty();
    }

    private static List<String> prefixed(String prefix, List<String> values) {
        Set<String> keys = new LinkedHashSet<>();
        values.forEach(v -> keys.add(prefix + v));
        return new ArrayList<>(keys);
    }
}
