package ca.microcred.issuer.completion.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The Open Badges IdentityObject for an email: {@code sha256$} followed by the hex SHA-256 of the lower-case
 * email and a salt. A random salt per credential keeps one learner's credentials from being linked by hash.
 */
public final class RecipientIdentity {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private RecipientIdentity() {
    }

    /** 16 random bytes as hex. */
    public static String newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return HEX.formatHex(salt);
    }

    public static String hash(String email, String salt) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((normalise(email) + salt).getBytes(StandardCharsets.UTF_8));
            return "sha256$" + HEX.formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Emails compare case-insensitively; the hash is over the trimmed lower-case form. */
    public static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
