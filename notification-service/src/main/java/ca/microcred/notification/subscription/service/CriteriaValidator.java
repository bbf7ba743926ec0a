package ca.microcred.notification.subscription.service;

import ca.microcred.contracts.events.DeliveryMode;
import ca.microcred.contracts.events.Province;
import ca.microcred.contracts.events.SkillFramework;
import ca.microcred.notification.matching.service.MatchKeys;
import ca.microcred.notification.subscription.Subscription;
import ca.microcred.notification.subscription.rest.CreateSubscriptionRequest;
import ca.microcred.notification.subscription.rest.SkillCriterion;
import ca.microcred.support.problem.Problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks subscription criteria, collecting every problem, and puts valid ones in their stored, canonical form. */
final class CriteriaValidator {

    static final int MAX_VALUES = 100;
    static final int MAX_LENGTH = 200;
    private static final Pattern NOC = Pattern.compile("^\\d{1,5}$");
    private static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$");

    private final List<Problem.Violation> violations = new ArrayList<>();

    List<Problem.Violation> violations() {
        return violations;
    }

    /** Validates the request's criteria into the subscription; meaningful only when no violation was added. */
    void apply(CreateSubscriptionRequest request, Subscription target) {
        target.achievementIds = texts("achievementIds", request.achievementIds(), v -> true, null, Function.identity());
        target.skills = skills(request.skills());
        target.occupations = texts("occupations", request.occupations(), v -> NOC.matcher(v).matches(),
                "must be a NOC code (1 to 5 digits)", Function.identity());
        target.providerIds = texts("providerIds", request.providerIds(), v -> true, null, Function.identity());
        target.provinces = texts("provinces", request.provinces(), v -> isEnum(Province.values(), v),
                "must be a province or territory code (" + names(Province.values()) + ")", MatchKeys::upper);
        target.deliveryModes = texts("deliveryModes", request.deliveryModes(), v -> isEnum(DeliveryMode.values(), v),
                "must be one of " + names(DeliveryMode.values()), MatchKeys::upper);
        target.languages = texts("languages", request.languages(), v -> LANGUAGE.matcher(v).matches(),
                "must be a BCP 47 language tag such as fr or en-CA", MatchKeys::language);
        boolean anyCriterion = !target.achievementIds.isEmpty() || !target.skills.isEmpty()
                || !target.occupations.isEmpty() || !target.providerIds.isEmpty() || !target.provinces.isEmpty()
                || !target.deliveryModes.isEmpty() || !target.languages.isEmpty();
        // an invalid value already explains why a criterion is missing
        if (!anyCriterion && violations.isEmpty()) {
            violations.add(new Problem.Violation("criteria", "must set at least one criterion: achievementIds, "
                    + "skills, occupations, providerIds, provinces, deliveryModes or languages"));
        }
        target.matchKeys = MatchKeys.of(target);
    }

    private List<String> texts(String field, List<String> values, Predicate<String> valid, String message,
                               Function<String, String> canonical) {
        if (values == null) {
            return new ArrayList<>();
        }
        if (values.size() > MAX_VALUES) {
            violations.add(new Problem.Violation(field, "must list at most " + MAX_VALUES + " values"));
            return new ArrayList<>();
        }
        LinkedHashSet<String> result = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String at = field + "[" + i + "]";
            if (value == null || value.isBlank()) {
                violations.add(new Problem.Violation(at, "must not be blank"));
            } else if (value.trim().length() > MAX_LENGTH) {
                violations.add(new Problem.Violation(at, "must be at most " + MAX_LENGTH + " characters"));
            } else if (!valid.test(value.trim())) {
                violations.add(new Problem.Violation(at, message));
            } else {
                result.add(canonical.apply(value.trim()));
            }
        }
        return new ArrayList<>(result);
    }

    private List<String> skills(List<SkillCriterion> skills) {
        if (skills == null) {
            return new ArrayList<>();
        }
        if (skills.size() > MAX_VALUES) {
            violations.add(new Problem.Violation("skills", "must list at most " + MAX_VALUES + " values"));
            return new ArrayList<>();
        }
        LinkedHashSet<String> result = new LinkedHashSet<>();
        for (int i = 0; i < skills.size(); i++) {
            SkillCriterion skill = skills.get(i);
            String at = "skills[" + i + "]";
            if (skill == null) {
                violations.add(new Problem.Violation(at, "must be an object with framework and code"));
                continue;
            }
            boolean ok = true;
            if (skill.framework() == null || !isEnum(SkillFramework.values(), skill.framework().trim())) {
                violations.add(new Problem.Violation(at + ".framework", "must be one of " + names(SkillFramework.values())));
                ok = false;
            }
            if (skill.code() == null || skill.code().isBlank()) {
                violations.add(new Problem.Violation(at + ".code", "must not be blank"));
                ok = false;
            } else if (skill.code().trim().length() > MAX_LENGTH) {
                violations.add(new Problem.Violation(at + ".code", "must be at most " + MAX_LENGTH + " characters"));
                ok = false;
            }
            if (ok) {
                result.add(MatchKeys.skill(skill.framework(), skill.code()));
            }
        }
        return new ArrayList<>(result);
    }

    private static boolean isEnum(Enum<?>[] values, String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        return Arrays.stream(values).anyMatch(v -> v.name().equals(upper));
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }
}
