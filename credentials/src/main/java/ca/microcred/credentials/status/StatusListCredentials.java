package ca.microcred.credentials.status;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.microcred.credentials.jsonld.OfflineDocumentLoader;
import ca.microcred.credentials.openbadges.OpenBadgeCredentials;

/**
 * Builds and reads {@code BitstringStatusListCredential} documents. Sign the built document with
 * {@link ca.microcred.credentials.proof.DataIntegrityProofs} like any credential; verify a fetched one before
 * reading it.
 */
public final class StatusListCredentials {

    public static final String TYPE = "BitstringStatusListCredential";
    public static final String SUBJECT_TYPE = "BitstringStatusList";

    private StatusListCredentials() {
    }

    /**
     * The unsigned status list credential.
     *
     * @param id        the URL the credential is served at (what entries name as {@code statusListCredential})
     * @param issuer    the issuer's DID (the same issuer as the credentials the list covers)
     * @param list      the bits
     * @param validFrom when this version of the list was published
     */
    public static ObjectNode build(String id, String issuer, StatusList list, Instant validFrom) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(issuer, "issuer");
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode credential = nodes.objectNode();
        credential.putArray("@context").add(OfflineDocumentLoader.CREDENTIALS_V2);
        credential.put("id", id);
        credential.putArray("type").add("VerifiableCredential").add(TYPE);
        credential.put("issuer", issuer);
        credential.put("validFrom", OpenBadgeCredentials.dateTime(validFrom));
        ObjectNode subject = credential.putObject("credentialSubject");
        subject.put("id", id + "#list");
        subject.put("type", SUBJECT_TYPE);
        subject.put("statusPurpose", list.purpose().value());
        subject.put("encodedList", list.encode());
        return credential;
    }

    /**
     * The list a status list credential carries.
     *
     * @throws IllegalArgumentException if the document is not a BitstringStatusListCredential
     */
    public static StatusList read(JsonNode listCredential) {
        if (!hasType(listCredential.path("type"), TYPE)) {
            throw new IllegalArgumentException("not a " + TYPE);
        }
        JsonNode subject = listCredential.path("credentialSubject");
        if (!hasType(subject.path("type"), SUBJECT_TYPE)) {
            throw new IllegalArgumentException("credentialSubject is not a " + SUBJECT_TYPE);
        }
        String purpose = subject.path("statusPurpose").asText(null);
        String encoded = subject.path("encodedList").asText(null);
        if (purpose == null || encoded == null) {
            throw new IllegalArgumentException("a status list needs statusPurpose and encodedList");
        }
        return StatusList.decode(StatusPurpose.of(purpose), encoded);
    }

    /**
     * Whether the entry's bit is set in the list credential it points to: {@code true} means revoked (or
     * suspended, by the entry's purpose).
     *
     * @throws IllegalArgumentException if the list is not the one the entry names, the purposes differ, or
     *                                  the index lies outside the list
     */
    public static boolean isSet(JsonNode listCredential, BitstringStatusListEntry entry) {
        if (!entry.statusListCredential().equals(listCredential.path("id").asText(null))) {
            throw new IllegalArgumentException("the entry points to " + entry.statusListCredential()
                    + ", not to " + listCredential.path("id").asText(null));
        }
        StatusList list = read(listCredential);
        if (!list.purpose().value().equals(entry.statusPurpose())) {
            throw new IllegalArgumentException("the entry's purpose " + entry.statusPurpose()
                    + " differs from the list's " + list.purpose().value());
        }
        int index;
        try {
            index = entry.index();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("statusListIndex is not a number: " + entry.statusListIndex());
        }
        if (index < 0 || index >= list.size()) {
            throw new IllegalArgumentException("statusListIndex " + index + " outside a list of " + list.size());
        }
        return list.get(index);
    }

    private static boolean hasType(JsonNode type, String expected) {
        if (type.isTextual()) {
            return expected.equals(type.asText());
        }
        for (JsonNode item : type) {
            if (expected.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }
}
