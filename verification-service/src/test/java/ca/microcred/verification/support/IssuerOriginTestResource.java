package ca.microcred.verification.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An issuer's web origin on this machine: serves whatever tests write under {@link #ROOT} (credentials, DID
 * documents), and becomes this service's only allow-listed origin. Files, not shared memory, carry the content,
 * because the test and this resource may live in different class loaders.
 */
public class IssuerOriginTestResource implements QuarkusTestResourceLifecycleManager {

    public static final Path ROOT = Path.of("target", "issuer-origin");
    public static final String ORIGIN_PROPERTY = "microcred.verification.allowed-origins";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(ROOT);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Path file = ROOT.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(ROOT) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of(ORIGIN_PROPERTY, "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
