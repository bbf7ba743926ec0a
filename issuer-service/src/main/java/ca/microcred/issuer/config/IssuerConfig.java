package ca.microcred.issuer.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Settings of issuer-service. Every key can be overridden by an environment variable, e.g.
 * {@code MICROCRED_ISSUER_PUBLIC_BASE_URL}.
 */
@ConfigMapping(prefix = "microcred.issuer")
public interface IssuerConfig {

    /**
     * Public base URL of this service, as learners and employers reach it. Credential URLs, issuer ids and
     * achievement ids are minted under it, so it must not change once credentials are out.
     */
    @WithDefault("http://localhost:8081")
    String publicBaseUrl();

    /**
     * Public base URL of verification-service. Each graduate announced in CohortCompleted carries
     * {@code <this>/verifications/<credentialId>} so an employer can check the credential.
     */
    @WithDefault("http://localhost:8083")
    String verificationBaseUrl();

    /**
     * How often completions still being processed (e.g. interrupted by a crash) are looked for and processed
     * again; a completion is only picked up once it has been accepted at least this long ago.
     */
    @WithDefault("15s")
    Duration resumeInterval();

    /**
     * AES-256 key (base64 of 32 random bytes) under which provider private keys are encrypted at rest. Dev and
     * test use a public value from application.properties; production must set {@code MICROCRED_ISSUER_MASTER_KEY}
     * or the service refuses to start. Changing it makes the stored keys unreadable.
     */
    Optional<String> masterKey();

    /**
     * How long a fetched status list may be cached: its {@code ttl} (in milliseconds, as the Bitstring Status
     * List specification counts it) and the response's {@code Cache-Control: max-age}. The service itself always
     * answers with the current list; this bounds how late a verifier that caches learns of a revocation.
     */
    @WithDefault("60s")
    Duration statusListTtl();

    /**
     * Largest request body accepted, except CSV completions. Keep {@code quarkus.http.limits.max-body-size} at
     * least as large as {@link #csvMaxBodySize()}.
     */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /**
     * Largest CSV completion body ({@code POST /completions} as {@code text/csv}): room for 10,000 learners with
     * names, grades and a few portfolio links each.
     */
    @WithDefault("4M")
    MemorySize csvMaxBodySize();

    /**
     * Threads that build and sign the credentials of a completion in parallel; one per core when unset.
     */
    Optional<Integer> signingThreads();

    /** {@link #publicBaseUrl()} without a trailing slash. */
    default String publicBase() {
        return withoutTrailingSlash(publicBaseUrl());
    }

    /** {@link #verificationBaseUrl()} without a trailing slash. */
    default String verificationBase() {
        return withoutTrailingSlash(verificationBaseUrl());
    }

    private static String withoutTrailingSlash(String url) {
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
