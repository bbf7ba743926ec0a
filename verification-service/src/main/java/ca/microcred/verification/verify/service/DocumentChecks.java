package ca.microcred.verification.verify.service;

import ca.microcred.contracts.UtcTimestamps;
import ca.microcred.verification.verify.Check;
import ca.microcred.verification.verify.CheckResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks that read the credential document itself: pure functions, each testable on its own. */
final class DocumentChecks {

    static final String VC_V2 = "https://www.w3.org/ns/credentials/v2";
    static final String OB_CONTEXT_PREFIX = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0";

    private DocumentChecks() {
    }

    /** The Open Badges 3.0 elements a verifier relies on, all reported together when missing. */
    static CheckResult structure(ObjectNode credential) {
        List<String> missing = new ArrayList<>();
        JsonNode contexts = credential.path("@context");
        if (!contexts.isArray() || contexts.size() < 2 || !VC_V2.equals(contexts.get(0).asText())) {
            missing.add("@context starting with " + VC_V2);
        } else if (!anyStartsWith(contexts, OB_CONTEXT_PREFIX)) {
            missing.add("the Open Badges 3.0 @context");
        }
        if (!hasText(credential, "id")) {
            missing.add("id");
        }
        JsonNode types = credential.path("type");
        if (!contains(types, "VerifiableCredential")
                || !(contains(types, "OpenBadgeCredential") || contains(types, "AchievementCredential"))) {
            missing.add("type VerifiableCredential and OpenBadgeCredential");
        }
        JsonNode issuer = credential.path("issuer");
        if (issuerId(credential).isEmpty()) {
            missing.add("issuer.id");
        } else if (issuer.isObject() && !hasText(issuer, "name")) {
            missing.add("issuer.name");
        }
        if (!hasText(credential, "validFrom")) {
            missing.add("validFrom");
        } else if (instant(credential.get("validFrom")).isEmpty()) {
            missing.add("validFrom as a date-time");
        }
        if (credential.hasNonNull("validUntil") && instant(credential.get("validUntil")).isEmpty()) {
            missing.add("validUntil as a date-time");
        }
        JsonNode subject = credential.path("credentialSubject");
        if (!subject.isObject()) {
            missing.add("credentialSubject");
        } else {
            if (!hasText(subject, "id") && !(subject.path("identifier").isArray()
                    || subject.path("identifier").isObject())) {
                missing.add("credentialSubject.id or credentialSubject.identifier");
            }
            JsonNode achievement = subject.path("achievement");
            if (!achievement.isObject()) {
                missing.add("credentialSubject.achievement");
            } else {
                for (String field : List.of("id", "name", "description")) {
                    if (!hasText(achievement, field)) {
                        missing.add("achievement." + field);
                    }
                }
                if (!contains(achievement.path("type"), "Achievement")) {
                    missing.add("achievement.type Achievement");
                }
                if (!achievement.path("criteria").isObject()) {
                    missing.add("achievement.criteria");
                }
            }
        }
        if (missing.isEmpty()) {
            return CheckResult.pass(Check.STRUCTURE, "A well-formed Open Badges 3.0 credential");
        }
        return CheckResult.fail(Check.STRUCTURE, "Not a well-formed Open Badges 3.0 credential; missing or invalid: "
                + String.join(", ", missing));
    }

    /**
     * @param skew how much clock difference to forgive at either end of the window
     */
    static CheckResult validity(Instant from, Instant until, Instant now, Duration skew) {
        if (from != null && now.plus(skew).isBefore(from)) {
            return CheckResult.fail(Check.VALIDITY, "Not valid before " + from);
        }
        if (until != null && now.minus(skew).isAfter(until)) {
            return CheckResult.fail(Check.VALIDITY, "Expired on " + until);
        }
        String window = from == null ? "Valid" : "Valid from " + from;
        return CheckResult.pass(Check.VALIDITY, until == null ? window + " with no expiry date"
                : window + " until " + until);
    }

    /**
     * Compares an email with the credential's email identities, hashed ones as the Open Badges IdentityObject
     * defines them: {@code sha256$} and the hex SHA-256 of the trimmed lower-case email followed by the salt.
     */
    static CheckResult recipient(ObjectNode credential, String email) {
        List<JsonNode> identities = new ArrayList<>();
        JsonNode identifier = credential.path("credentialSubject").path("identifier");
        if (identifier.isArray()) {
            identifier.forEach(identities::add);
        } else if (identifier.isObject()) {
            identities.add(identifier);
        }
        String normalised = email.trim().toLowerCase(Locale.ROOT);
        boolean anyEmail = false;
        for (JsonNode identity : identities) {
            if (!"emailAddress".equals(identity.path("identityType").asText())) {
                continue;
            }
            anyEmail = true;
            String expected = identity.path("identityHash").asText("");
            String actual = identity.path("hashed").asBoolean(false)
                    ? hash(normalised, identity.path("salt").asText(""))
                    : normalised;
            if (MessageDigest.isEqual(expected.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8),
                    actual.getBytes(StandardCharsets.UTF_8))) {
                return CheckResult.pass(Check.RECIPIENT, "The credential was issued to this email address");
            }
        }
        return CheckResult.fail(Check.RECIPIENT, anyEmail
                ? "The credential was not issued to this email address"
                : "The credential names no email identity to compare this email address with");
    }

    static String hash(String normalisedEmail, String salt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((normalisedEmail + salt).getBytes(StandardCharsets.UTF_8));
            return "sha256$" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static Optional<String> issuerId(ObjectNode credential) {
        JsonNode issuer = credential.path("issuer");
        String id = issuer.isTextual() ? issuer.asText() : issuer.path("id").asText("");
        return id.isBlank() ? Optional.empty() : Optional.of(id);
    }

    static Optional<Instant> instant(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return Optional.empty();
        }
        String text = value.asText();
        Instant utc = plainUtc(text);
        if (utc != null) {
            return Optional.of(utc);
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The common spelling {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, read without the general parser (which costs
     * several microseconds, and every verification reads three or four times); null for anything else, which
     * the general parser then decides, so what is accepted or refused does not change.
     */
    static Instant plainUtc(String text) {
        return UtcTimestamps.parse(text);
    }

    static boolean contains(JsonNode types, String type) {
        if (types.isTextual()) {
            return types.asText().equals(type);
        }
        for (JsonNode t : types) {
            if (type.equals(t.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyStartsWith(JsonNode values, String prefix) {
        for (JsonNode v : values) {
            if (v.isTextual() && v.asText().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank();
    }
}
