package ca.microcred.credentials.openbadges;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The issuer (OB 3.0 Profile): an organisation identified by its DID or URL. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "type", "name", "url", "email", "description"})
public record Profile(String id, List<String> type, String name, String url, String email, String description) {

    public static final String TYPE = "Profile";

    public Profile {
        Objects.requireNonNull(id, "issuer id");
        Objects.requireNonNull(name, "issuer name");
        type = type == null || type.isEmpty() ? List.of(TYPE) : List.copyOf(type);
    }

    public static Profile of(String id, String name) {
        return new Profile(id, null, name, null, null, null);
    }

    public Profile withUrl(String url) {
        return new Profile(id, type, name, url, email, description);
    }

    public Profile withEmail(String email) {
        return new Profile(id, type, name, url, email, description);
    }

    public Profile withDescription(String description) {
        return new Profile(id, type, name, url, email, description);
    }
}
