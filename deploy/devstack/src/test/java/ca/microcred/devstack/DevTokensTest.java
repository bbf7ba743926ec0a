package ca.microcred.devstack;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevTokensTest {

    /** Verifies like smallrye-jwt does: RS256 only, dev issuer, signature by the PEM public key resource. */
    private static final JwtConsumer VERIFIER = new JwtConsumerBuilder()
            .setExpectedIssuer(DevTokens.ISSUER)
            .setVerificationKey(publicKeyFromResource())
            .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
            .setRequireExpirationTime()
            .setRequireIssuedAt()
            .setRequireJwtId()
            .setRequireSubject()
            .build();

    @Test
    void providerTokenCarriesRoleAndProviderClaim() throws Exception {
        JwtClaims claims = VERIFIER.processToClaims(DevTokens.provider("northern-college"));

        assertEquals(DevTokens.ISSUER, claims.getIssuer());
        assertEquals(List.of("provider"), claims.getStringListClaimValue("groups"));
        assertEquals("northern-college", claims.getStringClaimValue("provider_id"));
        assertEquals("provider:northern-college", claims.getSubject());
        assertEquals("provider:northern-college", claims.getStringClaimValue("upn"));
        assertFalse(claims.hasClaim("employer_id"));
        long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        assertEquals(DevTokens.DEFAULT_TTL.toSeconds(), lifetime);
    }

    @Test
    void employerAndOperatorTokensCarryTheirRoles() throws Exception {
        JwtClaims employer = VERIFIER.processToClaims(DevTokens.employer("acme"));
        assertEquals(List.of("employer"), employer.getStringListClaimValue("groups"));
        assertEquals("acme", employer.getStringClaimValue("employer_id"));

        JwtClaims operator = VERIFIER.processToClaims(DevTokens.operator());
        assertEquals(List.of("operator"), operator.getStringListClaimValue("groups"));
        assertNull(operator.getClaimValue("provider_id"));
    }

    @Test
    void mintedTokensHaveUniqueIdsAndTheRequestedClaims() throws Exception {
        String first = DevTokens.mint("svc", Set.of("operator", "provider"), Map.of("provider_id", "p-9", "tier", 2L),
                Duration.ofMinutes(5));
        String second = DevTokens.mint("svc", Set.of("operator"), Map.of(), Duration.ofMinutes(5));

        JwtClaims claims = VERIFIER.processToClaims(first);
        assertEquals(List.of("operator", "provider"), claims.getStringListClaimValue("groups"));
        assertEquals("p-9", claims.getStringClaimValue("provider_id"));
        assertEquals(2L, claims.getClaimValue("tier"));
        assertEquals(300, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertNotEquals(claims.getJwtId(), VERIFIER.processToClaims(second).getJwtId());
    }

    @Test
    void abuseTokensAreRejectedForTheRightReason() {
        InvalidJwtException expired = assertThrows(InvalidJwtException.class,
                () -> VERIFIER.processToClaims(DevTokens.expired("provider:p", Set.of("provider"), Map.of())));
        assertTrue(expired.hasExpired());

        InvalidJwtException forged = assertThrows(InvalidJwtException.class,
                () -> VERIFIER.processToClaims(DevTokens.signedByOtherKey("operator", Set.of("operator"), Map.of())));
        assertTrue(forged.getMessage().contains("signature"), forged.getMessage());

        InvalidJwtException foreign = assertThrows(InvalidJwtException.class, () -> VERIFIER.processToClaims(
                DevTokens.withIssuer("https://evil.example", "operator", Set.of("operator"), Map.of())));
        assertTrue(foreign.getMessage().contains("Issuer"), foreign.getMessage());
    }

    @Test
    void publicKeyResourceMatchesThePublicKeyAccessor() {
        assertEquals(publicKeyFromResource(), DevTokens.publicKey());
        assertTrue(DevTokens.publicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    private static PublicKey publicKeyFromResource() {
        try (InputStream in = DevTokensTest.class.getClassLoader().getResourceAsStream(DevTokens.PUBLIC_KEY_RESOURCE)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replace("-----BEGIN PUBLIC KEY-----", "")
                    .replace("-----END PUBLIC KEY-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
