package ca.microcred.devstack;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * A stand-in employer webhook endpoint for the local demo: accepts POSTs on /webhooks on loopback and appends
 * each request's webhook headers and body to a file.
 *
 * <pre>java -cp devstack.jar ca.microcred.devstack.WebhookReceiverMain --port 8089 --out webhooks.log</pre>
 */
public final class WebhookReceiverMain {

    private WebhookReceiverMain() {
    }

    public static void main(String[] args) throws IOException {
        int port = 8089;
        Path out = Path.of("webhooks.log");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path file = out;
        System.Logger log = System.getLogger(WebhookReceiverMain.class.getName());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/webhooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder record = new StringBuilder("--- webhook received at ").append(Instant.now()).append('\n');
            for (String header : new String[]{"webhook-id", "webhook-timestamp", "webhook-signature", "content-type"}) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    record.append(header).append(": ").append(value).append('\n');
                }
            }
            record.append(body).append("\n\n");
            Files.writeString(file, record, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        log.log(System.Logger.Level.INFO, "webhook receiver listening on http://127.0.0.1:" + port + "/webhooks, writing to " + file);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }
}
