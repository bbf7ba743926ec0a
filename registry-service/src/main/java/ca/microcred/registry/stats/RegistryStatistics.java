package ca.microcred.registry.stats;

import java.util.List;
import java.util.Map;

/**
 * The registry's public figures.
 *
 * @param providersByState           providers per accreditation state (every state listed, zero included)
 * @param microCredentials           published micro-credentials of accredited providers
 * @param credentialsIssuedPerMonth  credentials issued per calendar month (UTC), oldest first
 * @param completionRates            per micro-credential over all its completed cohorts, by achievement id
 */
public record RegistryStatistics(Map<String, Long> providersByState, MicroCredentials microCredentials,
                                 List<MonthCount> credentialsIssuedPerMonth, List<CompletionRate> completionRates) {

    /**
     * @param bySkillFramework a micro-credential aligned to skills of several frameworks counts once in each
     */
    public record MicroCredentials(long total, Map<String, Long> bySkillFramework, Map<String, Long> byProvince,
                                   Map<String, Long> byDeliveryMode) {
    }

    /** @param month {@code YYYY-MM} */
    public record MonthCount(String month, long count) {
    }

    /**
     * @param completionRate completed / enrolled over all cohorts, 4 decimals; null when nobody enrolled
     * @param passRate       passed / completed over all cohorts, 4 decimals; null when nobody completed
     */
    public record CompletionRate(String achievementId, String providerId, Map<String, String> name, long cohorts,
                                 long enrolled, long completed, long passed, Double completionRate,
                                 Double passRate) {
    }
}
