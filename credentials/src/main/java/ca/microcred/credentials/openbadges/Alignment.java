package ca.microcred.credentials.openbadges;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A link to a skill, competency or occupation in a framework (OB 3.0 Alignment): ESCO skills, NOC
 * occupations, O*NET and others carry the framework name in {@code targetFramework} and its code in
 * {@code targetCode}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"type", "targetName", "targetUrl", "targetDescription", "targetFramework", "targetCode", "targetType"})
public record Alignment(List<String> type, String targetName, String targetUrl, String targetDescription,
        String targetFramework, String targetCode, String targetType) {

    public static final String TYPE = "Alignment";

    public Alignment {
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(targetUrl, "targetUrl");
        type = type == null || type.isEmpty() ? List.of(TYPE) : List.copyOf(type);
    }

    public static Alignment of(String framework, String code, String name, String url) {
        return new Alignment(null, name, url, null, framework, code, null);
    }
}
