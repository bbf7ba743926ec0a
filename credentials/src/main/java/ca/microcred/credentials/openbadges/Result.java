package ca.microcred.credentials.openbadges;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What the learner achieved against one {@link ResultDescription} (OB 3.0 Result): {@code value} such as
 * {@code "A"} or {@code "87"}, or a {@code status} such as {@code Completed}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"type", "resultDescription", "value", "status", "achievedLevel"})
public record Result(List<String> type, String resultDescription, String value, String status, String achievedLevel) {

    public static final String TYPE = "Result";

    public Result {
        type = type == null || type.isEmpty() ? List.of(TYPE) : List.copyOf(type);
    }

    public static Result value(String resultDescriptionId, String value) {
        return new Result(null, resultDescriptionId, value, null, null);
    }

    public static Result status(String resultDescriptionId, String status) {
        return new Result(null, resultDescriptionId, null, status, null);
    }
}
