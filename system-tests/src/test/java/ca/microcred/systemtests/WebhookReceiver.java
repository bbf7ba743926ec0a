package ca.microcred.systemtests;

import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** An employer's webhook endpoint on loopback that records every request it receives. */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String path, Map<String, String> headers, String body, long receivedAtNanos) {

        /**
         * Checks the Standard Webhooks signature: {@code v1,} + base64 HMAC-SHA256 of "id.timestamp.body" under the
         * subscription secret ({@code whsec_} + base64 key).
         */
        public boolean signedWith(String secret) {
            String id = headers.get("webhook-id");
            String timestamp = headers.get("webhook-timestamp");
            String signatures = headers.get("webhook-signature");
            if (id == null || timestamp == null || signatures == null) {
                return false;
            }
            String encodedKey = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(encodedKey), "HmacSHA256"));
                String expected = "v1," + Base64.getEncoder().encodeToString(
                        mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
                return List.of(signatures.split(" ")).contains(expected);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            received.add(new Received(exchange.getRequestURI().getPath(), headers, body, System.nanoTime()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return url("/webhooks");
    }

    /** A distinct endpoint of this receiver, so that tests tell subscriptions apart. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
