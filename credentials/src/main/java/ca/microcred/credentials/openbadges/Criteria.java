package ca.microcred.credentials.openbadges;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** How the achievement is earned: a page URL ({@code id}) and/or a narrative (OB 3.0 Criteria). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Criteria(String id, String narrative) {

    public Criteria {
        if (id == null && narrative == null) {
            throw new IllegalArgumentException("criteria need an id or a narrative");
        }
    }

    public static Criteria narrative(String narrative) {
        return new Criteria(null, narrative);
    }
}
