package ca.microcred.credentials.openbadges;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Work that shows the achievement, e.g. a portfolio page (OB 3.0 Evidence). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "type", "name", "description", "narrative", "genre", "audience"})
public record Evidence(String id, List<String> type, String name, String description, String narrative, String genre,
        String audience) {

    public static final String TYPE = "Evidence";

    public Evidence {
        type = type == null || type.isEmpty() ? List.of(TYPE) : List.copyOf(type);
    }

    /** A link to a portfolio item. */
    public static Evidence link(String url, String name) {
        return new Evidence(url, null, name, null, null, "Portfolio", null);
    }
}
