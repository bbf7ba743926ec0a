package ca.microcred.credentials.openbadges;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body that verifies or quality-assures the micro-credential (extension term {@code qualityAssurance},
 * see the module README).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"type", "name", "url"})
public record QualityAssuranceBody(String type, String name, String url) {

    public static final String TYPE = "QualityAssuranceBody";

    public QualityAssuranceBody {
        type = type == null ? TYPE : type;
        Objects.requireNonNull(name, "quality assurance body name");
    }

    public static QualityAssuranceBody of(String name, String url) {
        return new QualityAssuranceBody(TYPE, name, url);
    }
}
