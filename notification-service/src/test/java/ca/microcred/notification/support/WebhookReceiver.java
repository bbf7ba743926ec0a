package ca.microcred.notification.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * An employer's webhook endpoint: a real HTTP server on 127.0.0.1 that records every request and answers with the
 * statuses it was told to, then 204.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as the receiver saw it; header names lower-cased. */
    public record Received(Map<String, String> headers, String body, long receivedAtNanos) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private volatile String retryAfter;

    private WebhookReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(headers, body, System.nanoTime()));
            int status;
            synchronized (statuses) {
                status = statuses.isEmpty() ? 204 : statuses.poll();
            }
            if (retryAfter != null && (status == 429 || status == 503)) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public static WebhookReceiver start() {
        return new WebhookReceiver(0);
    }

    /** A receiver on a given port, e.g. one that was down and comes back where its subscriptions point. */
    public static WebhookReceiver startOn(int port) {
        return new WebhookReceiver(port);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The next requests get these statuses, in order; later ones get 204. */
    public WebhookReceiver answering(int... statusCodes) {
        synchronized (statuses) {
            for (int status : statusCodes) {
                statuses.add(status);
            }
        }
        return this;
    }

    /** 429 and 503 answers carry this Retry-After value. */
    public WebhookReceiver withRetryAfter(String value) {
        this.retryAfter = value;
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests about one delivery (by webhook-id). */
    public List<Received> receivedWithId(String webhookId) {
        return received.stream().filter(r -> webhookId.equals(r.header("webhook-id"))).collect(Collectors.toList());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
