package ca.microcred.credentials.openbadges;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A recipient identifier that does not disclose the identity (OB 3.0 IdentityObject). For e-mail the hash
 * is {@code "sha256$" + hex(SHA-256(email + salt))}, the e-mail trimmed and lower-cased first so that
 * {@code Alice@College.ca} and {@code alice@college.ca} match.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"type", "identityHash", "identityType", "hashed", "salt"})
public record IdentityObject(String type, String identityHash, String identityType, boolean hashed, String salt) {

    public static final String TYPE = "IdentityObject";
    public static final String EMAIL = "emailAddress";

    private static final SecureRandom RANDOM = new SecureRandom();

    public IdentityObject {
        type = type == null ? TYPE : type;
        Objects.requireNonNull(identityHash, "identityHash");
        Objects.requireNonNull(identityType, "identityType");
    }

    /** The salted SHA-256 identity of an e-mail address. */
    public static IdentityObject hashedEmail(String email, String salt) {
        Objects.requireNonNull(salt, "salt");
        return new IdentityObject(TYPE, hash(normalise(email), salt), EMAIL, true, salt);
    }

    /** A fresh random salt (128 bits, hex). */
    public static String newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    /** True when this identity is the given e-mail address. */
    public boolean matchesEmail(String email) {
        if (!EMAIL.equals(identityType)) {
            return false;
        }
        if (!hashed) {
            return identityHash.trim().equalsIgnoreCase(email.trim());
        }
        return salt != null && MessageDigest.isEqual(
                hash(normalise(email), salt).getBytes(StandardCharsets.US_ASCII),
                identityHash.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static String normalise(String email) {
        Objects.requireNonNull(email, "email");
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static String hash(String value, String salt) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((value + salt).getBytes(StandardCharsets.UTF_8));
            return "sha256$" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
