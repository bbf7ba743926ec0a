package ca.microcred.credentials.proof;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Shared helpers of the two securing mechanisms. */
final class ProofSupport {

    /** XML Schema dateTime as Data Integrity uses it. */
    static final Pattern DATE_TIME = Pattern
            .compile("-?\\d{4,}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?");

    private ProofSupport() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The issuer's id: {@code issuer} is a URL string or an object with {@code id}. */
    static String issuerId(JsonObject credential) {
        JsonValue issuer = credential.get("issuer");
        if (issuer == null) {
            return null;
        }
        if (issuer.getValueType() == JsonValue.ValueType.STRING) {
            return ((JsonString) issuer).getString();
        }
        if (issuer.getValueType() == JsonValue.ValueType.OBJECT) {
            JsonValue id = issuer.asJsonObject().get("id");
            return id != null && id.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) id).getString() : "";
        }
        return "";
    }

    static String issuerId(JsonNode credential) {
        JsonNode issuer = credential.get("issuer");
        if (issuer == null) {
            return null;
        }
        if (issuer.isTextual()) {
            return issuer.asText();
        }
        return issuer.path("id").isTextual() ? issuer.path("id").asText() : "";
    }

    static String string(JsonObject object, String key) {
        JsonValue value = object.get(key);
        return value != null && value.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) value).getString()
                : null;
    }
}
