package ca.microcred.verification.verify.rest;

import ca.microcred.support.problem.ProblemException;
import ca.microcred.verification.fetch.AllowListedFetcher;
import ca.microcred.verification.fetch.FetchException;
import ca.microcred.verification.verify.service.CredentialJson;
import ca.microcred.verification.verify.service.Presented;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Turns a request body into a presented credential: a JSON-LD credential, a compact VC-JWT, or a reference
 * {@code {"url": ...}} fetched from an allow-listed issuer origin. Only what is not a credential at all is refused.
 */
@ApplicationScoped
public class SubmittedCredentials {

    private final AllowListedFetcher fetcher;

    public SubmittedCredentials(AllowListedFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** A request's JSON body: a credential, or a reference {@code {"url", "recipientEmail"}} to fetch. */
    public Submission fromJson(String body) {
        ObjectNode object = json(body);
        if (object.has("url") && !object.has("@context")) {
            JsonNode url = object.get("url");
            if (!url.isTextual()) {
                throw ProblemException.badRequest("url must be a string");
            }
            JsonNode email = object.get("recipientEmail");
            return new Submission(fetch(url.asText()), email != null && email.isTextual() ? email.asText() : null);
        }
        return new Submission(Presented.jsonLd(object), null);
    }

    public Presented fromJwt(String body) {
        try {
            return Presented.jwt(CredentialJson.jwt(body == null ? "" : body.trim()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("The body is not a VC-JWT: " + e.getMessage());
        }
    }

    /**
     * A credential given as a JSON value read by {@link CredentialJson} (exact numbers, no duplicate properties): an
     * object (JSON-LD), used as read, or a string (VC-JWT).
     */
    public Presented fromValue(JsonNode value) {
        if (value != null && value.isObject()) {
            return Presented.jsonLd((ObjectNode) value);
        }
        if (value != null && value.isTextual()) {
            return fromJwt(value.asText());
        }
        throw ProblemException.badRequest("verifiableCredential must be a credential object or a compact VC-JWT");
    }

    private Presented fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("url is not a URL");
        }
        byte[] bytes;
        try {
            bytes = fetcher.fetch(uri, "application/ld+json, application/vc+jwt, application/json");
        } catch (FetchException e) {
            if (e.refused()) {
                throw ProblemException.badRequest(e.getMessage()
                        + "; only credentials published by known issuers are fetched");
            }
            throw new ProblemException(502, "Bad Gateway", "The credential could not be fetched: " + e.getMessage());
        }
        String text = new String(bytes, StandardCharsets.UTF_8).trim();
        if (CredentialJson.looksLikeJwt(text)) {
            return fromJwt(text);
        }
        try {
            return Presented.jsonLd(CredentialJson.object(text));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(502, "Bad Gateway", url + " did not answer with a credential");
        }
    }

    private static ObjectNode json(String body) {
        try {
            return CredentialJson.object(body == null ? "" : body);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("The body is not a credential: " + e.getMessage());
        }
    }

    /** A presented credential and the recipient email that came with it, if any. */
    public record Submission(Presented presented, String recipientEmail) {
    }
}
