package ca.microcred.credentials.openbadges;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The learner and what they achieved (OB 3.0 AchievementSubject). The learner is an {@code id} (a DID) or,
 * for privacy, one or more {@link IdentityObject}s in {@code identifier}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "type", "identifier", "achievement", "result", "activityStartDate", "activityEndDate",
        "creditsEarned"})
public record AchievementSubject(String id, List<String> type, List<IdentityObject> identifier, Achievement achievement,
        List<Result> result, String activityStartDate, String activityEndDate, Double creditsEarned) {

    public static final String TYPE = "AchievementSubject";

    public AchievementSubject {
        Objects.requireNonNull(achievement, "achievement");
        type = type == null || type.isEmpty() ? List.of(TYPE) : List.copyOf(type);
        identifier = Achievement.listOrNull(identifier);
        result = Achievement.listOrNull(result);
        if (id == null && identifier == null) {
            throw new IllegalArgumentException("a credential subject needs an id or an identifier");
        }
    }

    /** A learner known only by a salted hash of their e-mail. */
    public static AchievementSubject ofHashedEmail(String email, String salt, Achievement achievement) {
        return new AchievementSubject(null, null, List.of(IdentityObject.hashedEmail(email, salt)), achievement, null,
                null, null, null);
    }

    public AchievementSubject withResults(List<Result> results) {
        return new AchievementSubject(id, type, identifier, achievement, results, activityStartDate, activityEndDate,
                creditsEarned);
    }

    public AchievementSubject withActivity(String startDate, String endDate) {
        return new AchievementSubject(id, type, identifier, achievement, result, startDate, endDate, creditsEarned);
    }

    public AchievementSubject withCreditsEarned(Double credits) {
        return new AchievementSubject(id, type, identifier, achievement, result, activityStartDate, activityEndDate,
                credits);
    }
}
