package ca.microcred.verification.status.service;

import ca.microcred.credentials.proof.DataIntegrityProofs;
import ca.microcred.credentials.proof.VcJwt;
import ca.microcred.credentials.proof.VerificationResult;
import ca.microcred.credentials.status.StatusList;
import ca.microcred.credentials.status.StatusListCredentials;
import ca.microcred.verification.config.VerificationConfig;
import ca.microcred.verification.fetch.AllowListedFetcher;
import ca.microcred.verification.fetch.FetchException;
import ca.microcred.verification.keys.KeyResolver;
import ca.microcred.verification.status.PublishedStatusList;
import ca.microcred.verification.status.StatusListException;
import ca.microcred.verification.verify.service.CredentialJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bitstring status list credentials of other issuers, fetched from allow-listed origins only (through
 * {@link AllowListedFetcher}: no redirects, deadlines, size cap), believed only when their proof verifies under a
 * key of their issuer, and reused for their {@code ttl} (milliseconds, per the Bitstring Status List
 * specification; {@code cache-ttl} when absent, never longer than {@code status-list-max-ttl}).
 */
@ApplicationScoped
public class StatusLists {

    private static final int MAX_CACHED_LISTS = 1_000;
    private static final String ACCEPT = "application/vc+ld+json, application/ld+json, application/vc+jwt, "
            + "application/vc, application/json";

    private final AllowListedFetcher fetcher;
    private final KeyResolver keys;
    private final VerificationConfig config;
    private final Map<String, PublishedStatusList> cache = new ConcurrentHashMap<>();

    public StatusLists(AllowListedFetcher fetcher, KeyResolver keys, VerificationConfig config) {
        this.fetcher = fetcher;
        this.keys = keys;
        this.config = config;
    }

    /**
     * The list published at {@code url}, from the cache while it is fresh.
     *
     * @throws StatusListException when it cannot be fetched or is not a valid status list credential
     */
    public PublishedStatusList get(String url) throws StatusListException {
        Instant now = Instant.now();
        PublishedStatusList cached = cache.get(url);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached;
        }
        PublishedStatusList fresh = load(url, now);
        if (cache.size() >= MAX_CACHED_LISTS) {
            cache.clear();
        }
        cache.put(url, fresh);
        return fresh;
    }

    private PublishedStatusList load(String url, Instant now) throws StatusListException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new StatusListException("The status list address " + url + " is not a URL");
        }
        byte[] bytes;
        try {
            bytes = fetcher.fetch(uri, ACCEPT);
        } catch (FetchException e) {
            throw new StatusListException("The status list could not be fetched: " + e.getMessage());
        }
        String text = new String(bytes, StandardCharsets.UTF_8).trim();
        ObjectNode listCredential;
        VerificationResult proof;
        try {
            if (CredentialJson.looksLikeJwt(text)) {
                VcJwt.Decoded token = VcJwt.decode(text);
                listCredential = token.payload();
                proof = VcJwt.verify(token, keys.trusted());
            } else {
                listCredential = CredentialJson.object(text);
                proof = DataIntegrityProofs.verify(listCredential, keys.trusted());
            }
        } catch (IllegalArgumentException e) {
            throw new StatusListException(url + " did not answer with a status list credential");
        }
        if (!proof.verified()) {
            throw new StatusListException("The status list " + url + " is not signed by its issuer: "
                    + proof.message());
        }
        if (!url.equals(listCredential.path("id").asText(""))) {
            throw new StatusListException("The document at " + url + " is the status list "
                    + listCredential.path("id").asText("(without id)") + ", not the one the credential names");
        }
        Instant validUntil = instant(listCredential.get("validUntil"), url);
        if (validUntil != null && !now.isBefore(validUntil)) {
            throw new StatusListException("The status list " + url + " expired on " + validUntil
                    + " and its issuer has not published a newer one");
        }
        StatusList list;
        try {
            list = StatusListCredentials.read(listCredential);
        } catch (IllegalArgumentException e) {
            throw new StatusListException(url + " is not a usable status list: " + e.getMessage());
        }
        Instant expires = now.plus(ttl(listCredential.path("credentialSubject").get("ttl")));
        if (validUntil != null && validUntil.isBefore(expires)) {
            expires = validUntil;
        }
        return new PublishedStatusList(url, issuerOf(listCredential), list, expires);
    }

    private Duration ttl(JsonNode ttl) {
        Duration wanted = config.cacheTtl();
        if (ttl != null && ttl.isIntegralNumber() && ttl.canConvertToLong() && ttl.asLong() >= 0) {
            wanted = Duration.ofMillis(ttl.asLong());
        } else if (ttl != null && ttl.isTextual() && ttl.asText().matches("\\d{1,15}")) {
            wanted = Duration.ofMillis(Long.parseLong(ttl.asText()));
        }
        return wanted.compareTo(config.statusListMaxTtl()) > 0 ? config.statusListMaxTtl() : wanted;
    }

    private static Instant instant(JsonNode value, String url) throws StatusListException {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new StatusListException("The status list " + url + " has an unreadable validUntil");
        }
    }

    private static String issuerOf(ObjectNode credential) {
        JsonNode issuer = credential.path("issuer");
        return issuer.isTextual() ? issuer.asText() : issuer.path("id").asText(null);
    }
}
