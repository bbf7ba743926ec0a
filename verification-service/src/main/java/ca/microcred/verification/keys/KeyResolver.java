package ca.microcred.verification.keys;

import ca.microcred.verification.config.VerificationConfig;
import ca.microcred.verification.fetch.AllowListedFetcher;
import ca.microcred.verification.fetch.FetchException;
import ca.microcred.credentials.did.DidKey;
import ca.microcred.credentials.keys.Ed25519PublicKey;
import ca.microcred.credentials.keys.Multikey;
import ca.microcred.credentials.keys.VerificationKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Resolves a proof's verification method to an Ed25519 key: did:key by decoding the DID itself, did:web by
 * fetching the DID document from an allow-listed origin (cached), and configured pinned keys for issuers whose
 * verification method is a plain URL.
 */
@ApplicationScoped
public class KeyResolver {

    private static final int MAX_CACHED_DOCUMENTS = 1_000;
    private static final int MAX_CACHED_KEYS = 10_000;

    private final AllowListedFetcher fetcher;
    private final VerificationConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> pinned;
    private final Map<String, Cached> didDocuments = new ConcurrentHashMap<>();
    /** did:key and pinned keys never change: decoded once, then reused (decoding a point costs a fair part of a verify). */
    private final Map<String, ResolvedKey> unchanging = new ConcurrentHashMap<>();

    public KeyResolver(AllowListedFetcher fetcher, VerificationConfig config) {
        this.fetcher = fetcher;
        this.config = config;
        this.pinned = config.pinnedKeys().orElse(List.of()).stream().collect(Collectors.toUnmodifiableMap(
                VerificationConfig.PinnedKey::verificationMethod, VerificationConfig.PinnedKey::publicKeyMultibase,
                (a, b) -> a));
    }

    private record Cached(JsonNode document, Instant expires) {
    }

    public ResolvedKey resolve(String verificationMethod) throws KeyResolutionException {
        if (verificationMethod == null || verificationMethod.isBlank()) {
            throw new KeyResolutionException("No verification method is named");
        }
        ResolvedKey known = unchanging.get(verificationMethod);
        if (known != null) {
            return known;
        }
        String controller = controllerOf(verificationMethod);
        String pinnedKey = pinned.get(verificationMethod);
        if (pinnedKey != null) {
            return remember(verificationMethod, new ResolvedKey(Multikey.decodePublicKey(pinnedKey), controller,
                    "pinned key"));
        }
        if (verificationMethod.startsWith("did:key:")) {
            ResolvedKey key;
            try {
                key = new ResolvedKey(DidKey.publicKey(verificationMethod), controller, "did:key");
            } catch (IllegalArgumentException e) {
                throw new KeyResolutionException(verificationMethod + " is not an Ed25519 did:key: " + e.getMessage());
            }
            if (!verificationMethod.equals(DidKey.verificationMethodId(key.publicKey()))) {
                // only the canonical form is remembered, so odd spellings cannot crowd out real keys
                return key;
            }
            return remember(verificationMethod, key);
        }
        if (verificationMethod.startsWith("did:web:")) {
            try {
                return new ResolvedKey(Ed25519PublicKey.of(fromDidWeb(verificationMethod, controller)), controller,
                        "did:web document");
            } catch (IllegalArgumentException e) {
                throw new KeyResolutionException(verificationMethod + " is not an Ed25519 key: " + e.getMessage());
            }
        }
        throw new KeyResolutionException("Cannot resolve " + verificationMethod
                + ": only did:key, allow-listed did:web and pinned keys are resolved");
    }

    /**
     * This resolver as the credentials library's: each key stands for its real controller, so the library itself
     * refuses a proof by a key that is not the document issuer's. For documents whose issuer binding is not
     * reported as a check of its own, such as status lists.
     */
    public ca.microcred.credentials.keys.KeyResolver trusted() {
        return id -> {
            try {
                ResolvedKey key = resolve(id);
                return Optional.of(VerificationKey.forAssertion(id, key.controller(), key.publicKey()));
            } catch (KeyResolutionException e) {
                return Optional.empty();
            }
        };
    }

    private ResolvedKey remember(String verificationMethod, ResolvedKey key) {
        if (unchanging.size() >= MAX_CACHED_KEYS) {
            unchanging.clear();
        }
        unchanging.put(verificationMethod, key);
        return key;
    }

    /** The DID or URL a verification method belongs to: everything before its fragment. */
    public static String controllerOf(String verificationMethod) {
        int hash = verificationMethod.indexOf('#');
        return hash < 0 ? verificationMethod : verificationMethod.substring(0, hash);
    }

    private byte[] fromDidWeb(String verificationMethod, String did) throws KeyResolutionException {
        JsonNode document = didDocument(did);
        if (!did.equals(document.path("id").asText())) {
            throw new KeyResolutionException("The DID document of " + did + " names another DID");
        }
        String fragment = verificationMethod.substring(did.length());
        boolean asserted = false;
        for (JsonNode reference : document.path("assertionMethod")) {
            String ref = reference.isTextual() ? reference.asText() : reference.path("id").asText();
            if (ref.equals(verificationMethod) || (!fragment.isEmpty() && ref.equals(fragment))) {
                asserted = true;
            }
        }
        if (!asserted) {
            throw new KeyResolutionException(verificationMethod + " is not an assertion method of " + did);
        }
        for (JsonNode method : document.path("verificationMethod")) {
            String id = method.path("id").asText();
            if (id.equals(verificationMethod) || (!fragment.isEmpty() && id.equals(fragment))) {
                return keyOf(method, verificationMethod);
            }
        }
        throw new KeyResolutionException("The DID document of " + did + " has no key " + verificationMethod);
    }

    private static byte[] keyOf(JsonNode method, String verificationMethod) throws KeyResolutionException {
        try {
            if (method.hasNonNull("publicKeyMultibase")) {
                return Multikey.decodePublicKey(method.get("publicKeyMultibase").asText()).bytes();
            }
            JsonNode jwk = method.path("publicKeyJwk");
            if ("OKP".equals(jwk.path("kty").asText()) && "Ed25519".equals(jwk.path("crv").asText())) {
                byte[] key = Base64.getUrlDecoder().decode(jwk.path("x").asText());
                if (key.length == 32) {
                    return key;
                }
            }
        } catch (IllegalArgumentException e) {
            throw new KeyResolutionException(verificationMethod + " is not an Ed25519 key: " + e.getMessage());
        }
        throw new KeyResolutionException(verificationMethod + " is not an Ed25519 key");
    }

    private JsonNode didDocument(String did) throws KeyResolutionException {
        Cached cached = didDocuments.get(did);
        Instant now = Instant.now();
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.document();
        }
        URI url = didWebUrl(did);
        try {
            JsonNode document = json.readTree(fetcher.fetch(url, "application/did+json, application/json"));
            if (document == null || !document.isObject()) {
                throw new KeyResolutionException("The DID document of " + did + " is not a JSON object");
            }
            if (didDocuments.size() >= MAX_CACHED_DOCUMENTS) {
                didDocuments.clear();
            }
            didDocuments.put(did, new Cached(document, now.plus(config.cacheTtl())));
            return document;
        } catch (FetchException e) {
            throw new KeyResolutionException("The DID document of " + did + " could not be fetched: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new KeyResolutionException("The DID document of " + did + " is not JSON");
        }
    }

    /** did:web:host[%3Aport][:path...] to its document URL, per the did:web method. */
    URI didWebUrl(String did) throws KeyResolutionException {
        String[] parts = did.substring("did:web:".length()).split(":");
        String host = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        if (host.isEmpty() || host.contains("/") || host.contains("@")) {
            throw new KeyResolutionException(did + " is not a valid did:web");
        }
        StringBuilder path = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            path.append('/').append(URLDecoder.decode(parts[i], StandardCharsets.UTF_8));
        }
        String documentPath = path.length() == 0 ? "/.well-known/did.json" : path + "/did.json";
        String scheme = fetcher.plainHttpAllowed(host) ? "http" : "https";
        try {
            return URI.create(scheme + "://" + host + documentPath);
        } catch (IllegalArgumentException e) {
            throw new KeyResolutionException(did + " is not a valid did:web");
        }
    }
}
