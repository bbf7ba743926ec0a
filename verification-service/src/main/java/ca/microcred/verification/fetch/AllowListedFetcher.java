package ca.microcred.verification.fetch;

import ca.microcred.verification.config.VerificationConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fetches documents from the configured allow-list of origins only. Redirects are not followed (a redirect could
 * lead anywhere), every fetch has a deadline and a size cap, and the answer must be 200.
 */
@ApplicationScoped
public class AllowListedFetcher {

    private final Set<String> origins;
    private final VerificationConfig config;
    private final HttpClient client;

    public AllowListedFetcher(VerificationConfig config) {
        this.config = config;
        this.origins = config.allowedOrigins().orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(AllowListedFetcher::origin)
                .collect(Collectors.toUnmodifiableSet());
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .build();
    }

    /** True when the URL's origin is on the allow-list. */
    public boolean allowed(URI url) {
        return url != null && url.isAbsolute() && url.getHost() != null && url.getRawUserInfo() == null
                && origins.contains(origin(url.toString()));
    }

    /** True when the host's origin is allow-listed for plain HTTP only. */
    public boolean plainHttpAllowed(String hostAndPort) {
        return origins.contains("http://" + hostAndPort.toLowerCase(Locale.ROOT));
    }

    public byte[] fetch(URI url, String accept) throws FetchException {
        if (!allowed(url)) {
            throw new FetchException("The origin of " + url + " is not on this service's allow-list", true);
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(config.fetchTimeout())
                .header("Accept", accept)
                .GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new FetchException(url + " answered HTTP " + response.statusCode(), false);
                }
                byte[] bytes = body.readNBytes(config.maxFetchBytes() + 1);
                if (bytes.length > config.maxFetchBytes()) {
                    throw new FetchException(url + " is larger than " + config.maxFetchBytes() + " bytes", false);
                }
                return bytes;
            }
        } catch (HttpTimeoutException e) {
            throw new FetchException(url + " did not answer in time", false);
        } catch (IOException e) {
            throw new FetchException(url + " could not be fetched: " + e.getClass().getSimpleName(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(url + " could not be fetched: interrupted", false);
        }
    }

    /** {@code scheme://host[:port]} in lower case, with the scheme's default port left out. */
    static String origin(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return "invalid:" + url;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
