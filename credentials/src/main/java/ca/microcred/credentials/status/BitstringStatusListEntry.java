package ca.microcred.credentials.status;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A credential's {@code credentialStatus} (W3C Bitstring Status List): the bit {@code statusListIndex} of
 * the list credential at {@code statusListCredential} tells whether the credential is revoked or suspended.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "type", "statusPurpose", "statusListIndex", "statusListCredential"})
public record BitstringStatusListEntry(String id, String type, String statusPurpose, String statusListIndex,
        String statusListCredential) {

    public static final String TYPE = "BitstringStatusListEntry";

    public BitstringStatusListEntry {
        type = type == null ? TYPE : type;
        Objects.requireNonNull(statusPurpose, "statusPurpose");
        Objects.requireNonNull(statusListIndex, "statusListIndex");
        Objects.requireNonNull(statusListCredential, "statusListCredential");
    }

    /** The entry for bit {@code index} of the list credential {@code listCredentialUrl}. */
    public static BitstringStatusListEntry of(String listCredentialUrl, StatusPurpose purpose, int index) {
        return new BitstringStatusListEntry(listCredentialUrl + "#" + index, TYPE, purpose.value(),
                Integer.toString(index), listCredentialUrl);
    }

    /** The index as a number. */
    public int index() {
        return Integer.parseInt(statusListIndex);
    }
}
