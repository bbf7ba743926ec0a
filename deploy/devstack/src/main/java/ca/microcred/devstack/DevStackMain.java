package ca.microcred.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The devstack as a process for the local launcher: Kafka with its data under {@code DIR/kafka} and Mongo in
 * {@code DIR/mongo.mv.db}, both kept across restarts.
 *
 * <pre>
 * java -jar devstack.jar [--data-dir DIR] [--kafka-port 9092] [--mongo-port 27017]
 * java -jar devstack.jar token provider|employer|operator [ID]
 * </pre>
 *
 * Standard output carries only what scripts read: the {@code devstack ready ...} line, or the token.
 * Logs go to standard error.
 */
public final class DevStackMain {

    static final String READY_PREFIX = "devstack ready";

    private static final System.Logger LOG = System.getLogger(DevStackMain.class.getName());

    private DevStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        configureConsoleLogging();
        PrintStream out = System.out;
        try {
            if (args.length > 0 && args[0].equals("token")) {
                out.println(token(args));
                return;
            }
            run(Options.parse(args), out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "devstack failed to start", e);
            // the broker may have left non-daemon threads behind; they must not keep a failed launcher alive
            System.exit(1);
        }
    }

    static String token(String[] args) {
        if (args.length < 2 || args.length > 3) {
            throw new IllegalArgumentException("token needs a role and, for provider and employer, an id");
        }
        String role = args[1];
        String id = args.length == 3 ? args[2] : null;
        switch (role) {
            case DevTokens.PROVIDER:
                return DevTokens.provider(required(id, role));
            case DevTokens.EMPLOYER:
                return DevTokens.employer(required(id, role));
            case DevTokens.OPERATOR:
                return DevTokens.operator();
            default:
                throw new IllegalArgumentException("unknown role '" + role + "'");
        }
    }

    private static String required(String id, String role) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a " + role + " token needs an id");
        }
        return id;
    }

    private static void run(Options options, PrintStream out) throws InterruptedException {
        long started = System.nanoTime();
        EmbeddedKafka kafka = EmbeddedKafka.start(options.kafkaPort, options.dataDir.resolve("kafka"));
        EmbeddedMongo mongo;
        try {
            mongo = EmbeddedMongo.h2(options.mongoPort, options.dataDir.resolve("mongo.mv.db"));
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Mongo first: its file is flushed and closed before the broker's slower shutdown
            mongo.close();
            kafka.close();
            stopped.countDown();
        }, "devstack-shutdown"));

        awaitAccepting(kafka.port());
        awaitAccepting(mongo.port());
        LOG.log(System.Logger.Level.INFO, "started in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
                + " ms, data in " + options.dataDir);
        out.println(READY_PREFIX + " kafka=" + kafka.bootstrapServers() + " mongo=" + mongo.connectionString());
        out.flush();
        stopped.await();
    }

    private static void awaitAccepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 5_000);
        } catch (IOException e) {
            throw new IllegalStateException("nothing accepts connections on localhost:" + port, e);
        }
    }

    /** One line per record on standard error, instead of the JDK's two-line default. */
    private static void configureConsoleLogging() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s - %5$s%6$s%n");
        }
        QuietLogs.apply();
    }

    private static String usage() {
        return String.join(System.lineSeparator(),
                "usage: java -jar devstack.jar [--data-dir DIR] [--kafka-port PORT] [--mongo-port PORT]",
                "       java -jar devstack.jar token provider|employer|operator [ID]");
    }

    static final class Options {
        Path dataDir = Path.of(".devstack-data");
        int kafkaPort = 9092;
        int mongoPort = 27017;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--data-dir":
                        options.dataDir = Path.of(value);
                        break;
                    case "--kafka-port":
                        options.kafkaPort = port(args[i], value);
                        break;
                    case "--mongo-port":
                        options.mongoPort = port(args[i], value);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            options.dataDir = options.dataDir.toAbsolutePath();
            return options;
        }

        private static int port(String option, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65_535) {
                    throw new IllegalArgumentException(option + " must be a TCP port, not " + value);
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a TCP port, not " + value, e);
            }
        }
    }
}
