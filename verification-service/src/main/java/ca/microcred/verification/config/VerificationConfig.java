package ca.microcred.verification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of verification-service, under {@code microcred.verification}. */
@ConfigMapping(prefix = "microcred.verification")
public interface VerificationConfig {

    /**
     * Clock difference between an issuer and this service that the validity check forgives: a credential whose
     * {@code validFrom} lies up to this far in the future, or whose {@code validUntil} passed up to this long ago,
     * still counts as inside its validity window. Keeps a credential issued a moment ago from failing because
     * the issuer's clock runs slightly ahead; keep it short, because it also extends every expiry date.
     */
    @WithDefault("PT1M")
    Duration clockSkew();

    /**
     * Origins ({@code https://host[:port]}) this service may fetch from: credentials submitted by URL, did:web
     * documents and status lists. Nothing else is ever fetched, so a submitted URL cannot make this service reach
     * an internal address. An origin written with {@code http://} is fetched over plain HTTP, also for did:web;
     * that is for local development and tests only.
     */
    Optional<List<String>> allowedOrigins();

    /** Time allowed to open a connection to an allow-listed origin. */
    @WithDefault("PT2S")
    Duration connectTimeout();

    /** Time allowed for a whole fetch, from request to the last byte. */
    @WithDefault("PT5S")
    Duration fetchTimeout();

    /** Largest document fetched (credential, DID document, status list); larger ones are refused. */
    @WithDefault("1048576")
    int maxFetchBytes();

    /** How long a fetched DID document or status list is reused before it is fetched again. */
    @WithDefault("PT5M")
    Duration cacheTtl();

    /**
     * Longest a fetched status list is reused, whatever {@code ttl} its issuer sets: bounds how long a revocation
     * can go unseen. A list without a {@code ttl} is reused for {@code cache-ttl}.
     */
    @WithDefault("PT1H")
    Duration statusListMaxTtl();

    /**
     * How long the trust list, as read whole from this service's database, is reused by verifications before it is
     * read again. A decision recorded by this instance takes effect at once; one recorded by another instance of the
     * service within this time. Zero reads the database on every verification.
     */
    @WithDefault("PT1S")
    Duration trustListCacheTtl();

    /**
     * Keys known without resolution, for issuers whose verification method is an HTTPS URL rather than a DID
     * (such as the Open Badges specification's signed example).
     */
    Optional<List<PinnedKey>> pinnedKeys();

    /** A verification method and the Ed25519 Multikey it stands for. */
    interface PinnedKey {
        /** The verification method exactly as proofs name it. */
        String verificationMethod();

        /** The key, as a Multikey {@code publicKeyMultibase} ({@code z6Mk...}). */
        String publicKeyMultibase();
    }
}
