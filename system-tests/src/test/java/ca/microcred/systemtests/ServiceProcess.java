package ca.microcred.systemtests;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One packaged service (target/quarkus-app/quarkus-run.jar) running as its own JVM process, exactly as users run it,
 * pointed at the test's broker and store.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> systemProperties;
    private Process process;

    public ServiceProcess(String name, Map<String, String> environment, List<String> systemProperties) {
        this.name = name;
        this.port = freePort();
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    public static Path root() {
        return Path.of(System.getProperty("microcred.root", "..")).toAbsolutePath().normalize();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Starts the process (again, after a kill) and waits until it reports ready. */
    public ServiceProcess start(String... extraProperties) {
        Path jar = root().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw -B verify builds them)");
        }
        // a service that documents its own JVM options (jvm.options, a java argument file) runs with them
        Path jvmOptions = root().resolve(name).resolve("jvm.options");
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(Files.exists(jvmOptions) ? List.of("@" + jvmOptions) : List.of("-Xmx384m", "-XX:+UseSerialGC"));
        command.add("-Dquarkus.http.port=" + port);
        command.addAll(systemProperties);
        command.addAll(List.of(extraProperties));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Path logs = root().resolve("system-tests/target/service-logs");
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        awaitReady(Duration.ofSeconds(120));
        return this;
    }

    /** Resident set size of the running process in kibibytes, from /proc; -1 where /proc is not available. */
    public long rssKib() {
        if (process == null || !process.isAlive()) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        } catch (IOException | NumberFormatException unavailable) {
            return -1;
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Whether the service reports itself ready (Kafka and Mongo reachable) right now. */
    public boolean isReady() {
        return ready();
    }

    /** kill -9: no shutdown hooks, no chance to flush anything. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout) {
        Awaitility.await(name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + "; see system-tests/target/service-logs/" + name + ".log");
            }
            return ready();
        });
    }

    private boolean ready() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl() + "/q/health/ready").toURL()
                    .openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
