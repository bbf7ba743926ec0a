package ca.microcred.issuer.provider.rest;

import ca.microcred.contracts.events.LocalizedText;
import ca.microcred.contracts.events.Province;
import ca.microcred.issuer.provider.ProviderDetails;
import ca.microcred.issuer.provider.ProviderType;
import ca.microcred.issuer.provider.Violations;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.regex.Pattern;

/**
 * A provider as its administrators describe it. Enumerations arrive as text so every wrong value is reported
 * together with the other problems of the request.
 */
@Schema(name = "ProviderRequest")
public record ProviderRequest(
        @Schema(description = "Optional on creation: lowercase letters, digits and '-', 2-63 characters; "
                + "generated when absent. Becomes part of the provider's did:web.", examples = "college-boreal")
        String id,
        @Schema(required = true) LocalizedText name,
        @Schema(required = true, description = "https URL of the provider's web site") String url,
        @Schema(required = true) String email,
        @Schema(required = true, description = "Province or territory code", examples = "ON") String province,
        @Schema(required = true, enumeration = {"COLLEGE", "UNIVERSITY", "PRIVATE_TRAINER", "INDUSTRY_ASSOCIATION"})
        String providerType,
        @Schema(description = "Whether issued credentials name the learner; false when absent")
        Boolean includeLearnerName) {

    static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

    /** Validates everything at once; answers 400 with every problem found. */
    ProviderDetails toDetails(String pathId) {
        Violations v = new Violations();
        if (pathId == null && id != null && !ID.matcher(id).matches()) {
            v.add("id", "must be 2-63 lowercase letters, digits or '-', starting with a letter or digit");
        }
        if (pathId != null && id != null && !id.equals(pathId)) {
            v.add("id", "must match the provider in the path, or be left out");
        }
        v.requireBilingual("name", name, 300);
        v.requireUrl("url", url, false);
        v.requireEmail("email", email);
        Province parsedProvince = v.requireEnum("province", province, Province.class);
        ProviderType parsedType = v.requireEnum("providerType", providerType, ProviderType.class);
        v.throwIfAny();
        return new ProviderDetails(new LocalizedText(name.en().strip(), name.fr().strip()), url, email,
                parsedProvince, parsedType, Boolean.TRUE.equals(includeLearnerName));
    }
}
