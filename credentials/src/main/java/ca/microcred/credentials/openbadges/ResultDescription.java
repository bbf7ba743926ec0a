package ca.microcred.credentials.openbadges;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A kind of result the achievement records, e.g. a letter grade or a percentage (OB 3.0 ResultDescription).
 * {@code resultType} is an OB ResultType such as {@code LetterGrade}, {@code Percent}, {@code Status}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "type", "name", "resultType", "allowedValue", "requiredValue", "valueMin", "valueMax"})
public record ResultDescription(String id, List<String> type, String name, String resultType,
        List<String> allowedValue, String requiredValue, String valueMin, String valueMax) {

    public static final String TYPE = "ResultDescription";

    public ResultDescription {
        Objects.requireNonNull(id, "resultDescription id");
        Objects.requireNonNull(name, "resultDescription name");
        Objects.requireNonNull(resultType, "resultType");
        type = type == null || type.isEmpty() ? List.of(TYPE) : List.copyOf(type);
        allowedValue = allowedValue == null || allowedValue.isEmpty() ? null : List.copyOf(allowedValue);
    }

    public static ResultDescription of(String id, String name, String resultType) {
        return new ResultDescription(id, null, name, resultType, null, null, null, null);
    }
}
