package ca.microcred.verification.support;

import ca.microcred.credentials.did.DidKey;
import ca.microcred.credentials.keys.Ed25519KeyPair;
import ca.microcred.credentials.proof.DataIntegrityProofs;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/** Credentials signed the way issuers sign them: with the credentials library, under a did:key. */
public final class TestCredentials {

    public static final String LEARNER_EMAIL = "Learner.One@example.ca";
    public static final String SALT = "5a1f00d";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private TestCredentials() {
    }

    /** An issuer with a fresh Ed25519 key, identified by its did:key. */
    public record Issuer(Ed25519KeyPair key, String did, String verificationMethod) {
        public static Issuer generate() {
            Ed25519KeyPair key = Ed25519KeyPair.generate();
            return new Issuer(key, DidKey.did(key.publicKey()), DidKey.verificationMethodId(key.publicKey()));
        }
    }

    /** A complete Open Badges 3.0 credential of this issuer, valid from an hour ago for a year. */
    public static ObjectNode unsigned(String issuerId) {
        Instant from = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        return unsigned(issuerId, from, from.plus(365, ChronoUnit.DAYS));
    }

    public static ObjectNode unsigned(String issuerId, Instant validFrom, Instant validUntil) {
        ObjectNode c = NODES.objectNode();
        c.putArray("@context").add("https://www.w3.org/ns/credentials/v2")
                .add("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        c.put("id", "https://issuer.example.ca/credentials/" + UUID.randomUUID());
        c.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        c.put("name", "Data Analysis Fundamentals");
        ObjectNode issuer = c.putObject("issuer");
        issuer.put("id", issuerId);
        issuer.putArray("type").add("Profile");
        issuer.put("name", "Collège Exemple");
        c.put("validFrom", validFrom.toString());
        if (validUntil != null) {
            c.put("validUntil", validUntil.toString());
        }
        ObjectNode subject = c.putObject("credentialSubject");
        subject.putArray("type").add("AchievementSubject");
        ObjectNode identity = subject.putArray("identifier").addObject();
        identity.put("type", "IdentityObject");
        identity.put("identityHash", hash(LEARNER_EMAIL.trim().toLowerCase(), SALT));
        identity.put("identityType", "emailAddress");
        identity.put("hashed", true);
        identity.put("salt", SALT);
        ObjectNode achievement = subject.putObject("achievement");
        achievement.put("id", "https://issuer.example.ca/achievements/data-analysis");
        achievement.putArray("type").add("Achievement");
        achievement.put("name", "Data Analysis Fundamentals");
        achievement.put("description", "Cleans, explores and reports on tabular data.");
        achievement.putObject("criteria").put("narrative", "Passed a proctored practical assessment.");
        ObjectNode alignment = achievement.putArray("alignment").addObject();
        alignment.putArray("type").add("Alignment");
        alignment.put("targetName", "Analyse data");
        alignment.put("targetUrl", "http://data.europa.eu/esco/skill/analyse-data");
        alignment.put("targetCode", "S2.7.1");
        alignment.put("targetFramework", "ESCO");
        ArrayNode evidence = c.putArray("evidence");
        ObjectNode e = evidence.addObject();
        e.put("id", "https://portfolio.example.ca/projects/42");
        e.putArray("type").add("Evidence");
        e.put("name", "Capstone project");
        return c;
    }

    public static ObjectNode sign(ObjectNode unsigned, Issuer issuer) {
        return sign(unsigned, issuer.key(), issuer.verificationMethod());
    }

    public static ObjectNode sign(ObjectNode unsigned, Ed25519KeyPair key, String verificationMethod) {
        return DataIntegrityProofs.sign(unsigned, key, verificationMethod, Instant.now());
    }

    /** A compact VC-JWT (VC JOSE-COSE: the credential is the payload). */
    public static String jwt(ObjectNode credential, Ed25519KeyPair key, String kid, String alg) {
        return jwt(credential, key, kid, alg, "vc+jwt");
    }

    /** @param typ the {@code typ} header, or null for none */
    public static String jwt(ObjectNode credential, Ed25519KeyPair key, String kid, String alg, String typ) {
        ObjectNode header = NODES.objectNode().put("alg", alg).put("kid", kid);
        if (typ != null) {
            header.put("typ", typ);
        }
        String input = b64(header.toString()) + "." + b64(credential.toString());
        if ("none".equals(alg)) {
            return input + ".";
        }
        byte[] signature = key.sign(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    public static ObjectNode officialVector() {
        // the Open Badges 3.0 specification's signed example, copied verbatim into the test resources
        try (var in = TestCredentials.class.getResourceAsStream("/ob3/spec-test-vector-signed-eddsa-rdfc-2022.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hash(String email, String salt) {
        try {
            return "sha256$" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((email + salt).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
