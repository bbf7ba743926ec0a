package ca.microcred.devstack;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mints bearer tokens the services accept in dev and test: RS256 JWTs signed with the dev key pair shipped in this
 * module ({@value #PRIVATE_KEY_RESOURCE}, {@value #PUBLIC_KEY_RESOURCE}), issuer {@value #ISSUER}, roles in
 * {@code groups}, and the tenant claims {@code provider_id} / {@code employer_id}. The key is public knowledge:
 * production verifies tokens against its own issuer's key.
 */
public final class DevTokens {

    public static final String ISSUER = "https://dev.microcred.ca";
    /** Classpath resource with the X.509 SubjectPublicKeyInfo PEM services verify dev tokens with. */
    public static final String PUBLIC_KEY_RESOURCE = "microcred-dev/jwt-public.pem";
    /** Classpath resource with the PKCS#8 PEM private key that signs dev tokens. */
    public static final String PRIVATE_KEY_RESOURCE = "microcred-dev/jwt-private.pem";

    public static final String PROVIDER = "provider";
    public static final String EMPLOYER = "employer";
    public static final String OPERATOR = "operator";
    public static final String PROVIDER_ID_CLAIM = "provider_id";
    public static final String EMPLOYER_ID_CLAIM = "employer_id";

    /** Lifetime of the role tokens: a working day, so a token printed by the launcher lasts a session. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(12);

    private DevTokens() {
    }

    /** A provider's token: subject {@code provider:<id>}, group {@code provider}, claim {@code provider_id}. */
    public static String provider(String providerId) {
        return mint("provider:" + providerId, Set.of(PROVIDER), Map.of(PROVIDER_ID_CLAIM, providerId), DEFAULT_TTL);
    }

    /** An employer's token: subject {@code employer:<id>}, group {@code employer}, claim {@code employer_id}. */
    public static String employer(String employerId) {
        return mint("employer:" + employerId, Set.of(EMPLOYER), Map.of(EMPLOYER_ID_CLAIM, employerId), DEFAULT_TTL);
    }

    /** A registry operator's token: subject {@code operator}, group {@code operator}. */
    public static String operator() {
        return mint(OPERATOR, Set.of(OPERATOR), Map.of(), DEFAULT_TTL);
    }

    /**
     * A token signed with the dev key. {@code subject} is also the {@code upn} (the name services record as the
     * actor); {@code extraClaims} are added as given and may override the standard ones.
     */
    public static String mint(String subject, Set<String> groups, Map<String, Object> extraClaims, Duration ttl) {
        Instant now = Instant.now();
        return sign(Keys.DEV_PRIVATE, ISSUER, subject, groups, extraClaims, now, now.plus(ttl));
    }

    /** Like {@link #mint} but expired an hour ago, well past any clock-skew allowance. */
    public static String expired(String subject, Set<String> groups, Map<String, Object> extraClaims) {
        Instant now = Instant.now();
        return sign(Keys.DEV_PRIVATE, ISSUER, subject, groups, extraClaims, now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofHours(1)));
    }

    /** Like {@link #mint} but signed with a freshly generated key the services do not trust. */
    public static String signedByOtherKey(String subject, Set<String> groups, Map<String, Object> extraClaims) {
        Instant now = Instant.now();
        return sign(OtherKey.PRIVATE, ISSUER, subject, groups, extraClaims, now, now.plus(DEFAULT_TTL));
    }

    /** Like {@link #mint} but naming another issuer, signed with the trusted dev key. */
    public static String withIssuer(String issuer, String subject, Set<String> groups, Map<String, Object> extraClaims) {
        Instant now = Instant.now();
        return sign(Keys.DEV_PRIVATE, issuer, subject, groups, extraClaims, now, now.plus(DEFAULT_TTL));
    }

    /** The dev public key, for tests that verify tokens themselves. */
    public static PublicKey publicKey() {
        return Keys.DEV_PUBLIC;
    }

    /** The PEM text of the dev public key. */
    public static String publicKeyPem() {
        return readResource(PUBLIC_KEY_RESOURCE);
    }

    private static String sign(PrivateKey key, String issuer, String subject, Set<String> groups,
                               Map<String, Object> extraClaims, Instant issuedAt, Instant expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", new ArrayList<>(new TreeSet<>(groups)));
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setGeneratedJwtId();
        extraClaims.forEach(claims::setClaim);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
    }

    private static String readResource(String name) {
        try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static byte[] pemBody(String pem) {
        StringBuilder base64 = new StringBuilder();
        for (String line : pem.split("\\R")) {
            if (!line.startsWith("-----") && !line.isBlank()) {
                base64.append(line.trim());
            }
        }
        return Base64.getDecoder().decode(base64.toString());
    }

    /** Loaded on first use, so a class that only reads the constants needs no key material. */
    private static final class Keys {
        static final PrivateKey DEV_PRIVATE;
        static final PublicKey DEV_PUBLIC;

        static {
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                DEV_PRIVATE = rsa.generatePrivate(new PKCS8EncodedKeySpec(pemBody(readResource(PRIVATE_KEY_RESOURCE))));
                DEV_PUBLIC = rsa.generatePublic(new X509EncodedKeySpec(pemBody(readResource(PUBLIC_KEY_RESOURCE))));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot load the dev token keys", e);
            }
        }

        private Keys() {
        }
    }

    /** A key nobody trusts, generated on first use only: generating an RSA key takes a noticeable moment. */
    private static final class OtherKey {
        static final PrivateKey PRIVATE;

        static {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                PRIVATE = generator.generateKeyPair().getPrivate();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot generate an RSA key", e);
            }
        }

        private OtherKey() {
        }
    }
}
