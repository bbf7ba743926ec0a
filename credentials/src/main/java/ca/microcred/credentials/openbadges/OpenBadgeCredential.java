package ca.microcred.credentials.openbadges;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import ca.microcred.credentials.status.BitstringStatusListEntry;

/**
 * An unsigned Open Badges 3.0 credential on the VC 2.0 data model. Build one with
 * {@link OpenBadgeCredentials#builder()}, turn it into JSON with {@link OpenBadgeCredentials#toJson}, then
 * secure it with a Data Integrity proof or as a VC-JWT.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"@context", "id", "type", "name", "description", "issuer", "validFrom", "validUntil",
        "credentialSubject", "evidence", "credentialStatus"})
public record OpenBadgeCredential(
        @JsonProperty("@context") List<String> context,
        String id,
        List<String> type,
        String name,
        String description,
        Profile issuer,
        String validFrom,
        String validUntil,
        AchievementSubject credentialSubject,
        List<Evidence> evidence,
        // VC 2.0 allows one entry or several (e.g. revocation and suspension); a single one is written as an object
        @JsonFormat(with = {JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                JsonFormat.Feature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED})
        List<BitstringStatusListEntry> credentialStatus) {

    public static final List<String> TYPES = List.of("VerifiableCredential", "OpenBadgeCredential");

    public OpenBadgeCredential {
        Objects.requireNonNull(context, "@context");
        context = List.copyOf(context);
        type = type == null || type.isEmpty() ? TYPES : List.copyOf(type);
        evidence = Achievement.listOrNull(evidence);
        credentialStatus = Achievement.listOrNull(credentialStatus);
    }
}
