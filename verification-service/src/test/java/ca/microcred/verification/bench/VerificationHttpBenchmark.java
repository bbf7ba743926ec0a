package ca.microcred.verification.bench;

import ca.microcred.credentials.keys.KeyResolver;
import ca.microcred.credentials.proof.DataIntegrityProofs;
import ca.microcred.credentials.proof.VcJwt;
import ca.microcred.devstack.SharedDevstack;
import ca.microcred.verification.support.TestCredentials;
import ca.microcred.verification.support.TestCredentials.Issuer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.Awaitility;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Verifications per second over HTTP against the packaged service running as its own process, with the load
 * generator, Kafka and Mongo (embedded, in this JVM) on the same machine; latency percentiles at full and at half
 * the measured rate; the service's resident memory; and, in the same run, the raw BouncyCastle Ed25519 verify rate
 * and the in-process cost of each proof format, so the HTTP figure can be read as a fraction of the signature
 * work and the rest accounted for.
 *
 * <p>Not a test. Run from the repository root:
 * {@code ./mvnw -B -o -pl verification-service -Pbench -DskipTests package}
 * (optional {@code -Dbench.args="<seconds per phase> <connections>"}, default {@code "15 32"}; extra JVM options for
 * the service process, e.g. to record a flight recording, in the environment variable {@code BENCH_SERVICE_OPTS}).
 */
public final class VerificationHttpBenchmark {

    private static final int DISTINCT_CREDENTIALS = 256;
    /** The service's JVM options, as every launcher of the service uses them. */
    private static final Path JVM_OPTIONS = Path.of("jvm.options");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private VerificationHttpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: package verification-service first");
        }
        print("cores: %d, phase: %d s, connections: %d", Runtime.getRuntime().availableProcessors(), seconds,
                connections);

        Rate bc = rawBouncyCastle(1, 3);
        print("raw BouncyCastle Ed25519 verify, 1 thread: %,.0f/s, %.1f us CPU per verify", bc.perSecond(),
                bc.cpuMicros());

        List<byte[]> jwts = new ArrayList<>();
        List<byte[]> jsonLd = new ArrayList<>();
        List<String> jwtTexts = new ArrayList<>();
        List<ObjectNode> jsonLdDocs = new ArrayList<>();
        for (int i = 0; i < DISTINCT_CREDENTIALS; i++) {
            Issuer issuer = Issuer.generate();
            String jwt = VcJwt.sign(TestCredentials.unsigned(issuer.did()), issuer.key(), issuer.verificationMethod());
            ObjectNode signed = TestCredentials.sign(TestCredentials.unsigned(issuer.did()), issuer);
            jwtTexts.add(jwt);
            jsonLdDocs.add(signed);
            jwts.add(request("application/vc+jwt", jwt));
            jsonLd.add(request("application/ld+json", signed.toString()));
        }
        int[] next = new int[1];
        Rate libJwt = inProcess(() -> VcJwt.verify(jwtTexts.get(next[0]++ % DISTINCT_CREDENTIALS),
                KeyResolver.didKey()).verified(), 3);
        Rate libLd = inProcess(() -> DataIntegrityProofs.verify(jsonLdDocs.get(next[0]++ % DISTINCT_CREDENTIALS),
                KeyResolver.didKey()).verified(), 3);
        print("credentials library in process, 1 thread: VC-JWT %,.0f/s (%.0f us CPU), eddsa-rdfc-2022 %,.0f/s "
                + "(%.0f us CPU)", libJwt.perSecond(), libJwt.cpuMicros(), libLd.perSecond(), libLd.cpuMicros());

        Map<String, String> devstack = SharedDevstack.endpoints();
        int port = freePort();
        Process service = startService(jar, port, devstack);
        try {
            awaitReady(port);
            print("service pid %d ready on port %d; RSS %s", service.pid(), port, rss(service.pid()));
            // both formats warmed up before either is measured, so compilation is not counted against the first
            for (int round = 0; round < 2; round++) {
                run(port, jwts, connections, seconds, 0, service.pid());
                run(port, jsonLd, connections, seconds, 0, service.pid());
            }
            print("after warm-up: RSS %s", rss(service.pid()));
            for (String format : List.of("VC-JWT", "eddsa-rdfc-2022")) {
                List<byte[]> requests = format.equals("VC-JWT") ? jwts : jsonLd;
                Rate library = format.equals("VC-JWT") ? libJwt : libLd;
                Rate raw = rawBouncyCastle(2, 3);
                Result full = run(port, requests, connections, seconds, 0, service.pid());
                print("%s full rate: %,.0f verifications/s  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  errors %d  RSS %s",
                        format, full.rate, full.p(50), full.p(95), full.p(99), full.errors, rss(service.pid()));
                Result half = run(port, requests, connections, seconds, full.rate / 2, service.pid());
                print("%s half rate: %,.0f verifications/s  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  errors %d  RSS %s",
                        format, half.rate, half.p(50), half.p(95), half.p(99), half.errors, rss(service.pid()));
                print("%s vs raw BouncyCastle measured just before (2 threads, %,.0f/s): %.1f%% of its rate", format,
                        raw.perSecond(), 100 * full.rate / raw.perSecond());
                double perVerification = full.serviceCpuMicros + full.ownCpuMicros;
                print("%s CPU per verification: %.0f us = service %.0f us (of which in-process library verify "
                                + "%.0f us, of which Ed25519 %.0f us) + load generator, Kafka and Mongo %.0f us; "
                                + "Ed25519 is %.1f%% of it; CPU-time projection for 2 otherwise idle cores: about %,.0f/s",
                        format, perVerification, full.serviceCpuMicros, library.cpuMicros(), bc.cpuMicros(),
                        full.ownCpuMicros, 100 * bc.cpuMicros() / perVerification, 2e6 / perVerification);
            }
            print("service peak RSS %s", peakRss(service.pid()));
        } finally {
            service.destroy();
            if (!service.waitFor(20, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        System.exit(0);
    }

    // --- the service process ---------------------------------------------------------------------------

    private static Process startService(Path jar, int port, Map<String, String> devstack) throws IOException {
        Path key = Files.createTempFile("microcred-jwt-public", ".pem");
        try (InputStream in = VerificationHttpBenchmark.class.getResourceAsStream("/microcred-dev/jwt-public.pem")) {
            Files.write(key, in.readAllBytes());
        }
        key.toFile().deleteOnExit();
        Path log = Path.of("target", "bench-service.log");
        if (!Files.exists(JVM_OPTIONS)) {
            throw new IllegalStateException(JVM_OPTIONS.toAbsolutePath() + " is missing");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "@" + JVM_OPTIONS, "-Dquarkus.http.port=" + port, "-Dquarkus.log.level=WARN"));
        String extra = System.getenv("BENCH_SERVICE_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        print("service: %s", String.join(" ", command));
        print("%s: %s", JVM_OPTIONS, String.join(" ", Files.readAllLines(JVM_OPTIONS).stream()
                .map(line -> line.replaceAll("#.*", "").trim()).filter(line -> !line.isEmpty()).toList()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", devstack.get(SharedDevstack.KAFKA));
        builder.environment().put("MONGODB_URI", devstack.get(SharedDevstack.MONGO));
        builder.environment().put("JWT_PUBLIC_KEY_LOCATION", key.toString());
        builder.environment().put("VERIFICATION_ALLOWED_ORIGINS", "https://issuer.microcred.ca");
        return builder.start();
    }

    private static void awaitReady(int port) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> {
                    HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port
                            + "/q/health/ready").toURL().openConnection();
                    return connection.getResponseCode() == 200;
                });
    }

    private static String rss(long pid) throws IOException {
        return status(pid, "VmRSS:");
    }

    private static String peakRss(long pid) throws IOException {
        return status(pid, "VmHWM:");
    }

    private static String status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field)) {
                long kb = Long.parseLong(line.replaceAll("\\D", ""));
                return String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
            }
        }
        return "unknown";
    }

    /** User plus system CPU time of a process, in nanoseconds (Linux). */
    private static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    // --- load generation ----------------------------------------------------------------------------

    /**
     * Drives the service over {@code connections} keep-alive connections for {@code seconds}. With
     * {@code rate == 0} each connection sends its next request as soon as the answer arrives (throughput); with a
     * rate, requests are sent on a fixed schedule and latency counts from the scheduled time, so a stall is not
     * hidden by the requests it delayed.
     */
    private static Result run(int port, List<byte[]> requests, int connections, int seconds, double rate, long pid)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        int[] errors = new int[connections];
        Thread[] threads = new Thread[connections];
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long interval = rate > 0 ? (long) (1e9 * connections / rate) : 0;
        for (int c = 0; c < connections; c++) {
            int id = c;
            threads[c] = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                int failed = 0;
                try (Socket socket = new Socket()) {
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress("127.0.0.1", port));
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                    long next = start + (interval > 0 ? interval * id / connections : 0);
                    int i = id;
                    while (!stop.get()) {
                        if (interval > 0) {
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                        long sent = interval > 0 ? next : System.nanoTime();
                        if (sent >= end) {
                            break;
                        }
                        out.write(requests.get(i++ % requests.size()));
                        out.flush();
                        if (!readVerified(in)) {
                            failed++;
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = System.nanoTime() - sent;
                        next += interval;
                    }
                } catch (IOException e) {
                    failed++;
                }
                latencies[id] = Arrays.copyOf(mine, n);
                counts[id] = n;
                errors[id] = failed;
            });
        }
        long ownCpuBefore = cpuNanos(ProcessHandle.current().pid());
        long serviceCpuBefore = cpuNanos(pid);
        for (Thread thread : threads) {
            thread.start();
        }
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long serviceCpu = cpuNanos(pid) - serviceCpuBefore;
        long ownCpu = cpuNanos(ProcessHandle.current().pid()) - ownCpuBefore;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int offset = 0;
        for (long[] part : latencies) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        Arrays.sort(all);
        return new Result(total / elapsed, all, Arrays.stream(errors).sum(),
                total == 0 ? 0 : serviceCpu / 1e3 / total, total == 0 ? 0 : ownCpu / 1e3 / total);
    }

    private record Result(double rate, long[] sortedNanos, int errors, double serviceCpuMicros,
                          double ownCpuMicros) {
        double p(double percentile) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(percentile / 100 * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, index)] / 1e6;
        }
    }

    private static byte[] request(String contentType, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /verifications HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                + "\r\nAccept: application/json\r\nContent-Length: " + content.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + content.length);
        System.arraycopy(content, 0, request, head.length, content.length);
        return request;
    }

    /** Reads one HTTP response; true when it is a 200 whose answer says {@code "verified":true}. */
    private static boolean readVerified(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            headers.append((char) b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String head = headers.toString().toLowerCase(Locale.ROOT);
        boolean ok = head.startsWith("http/1.1 200");
        byte[] body;
        int lengthAt = head.indexOf("content-length:");
        if (lengthAt >= 0) {
            int lineEnd = head.indexOf('\r', lengthAt);
            body = in.readNBytes(Integer.parseInt(head.substring(lengthAt + 15, lineEnd).trim()));
        } else {
            body = readChunked(in);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return ok && text.contains("\"verified\":true");
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            int size = Integer.parseInt(line.toString().trim(), 16);
            if (size == 0) {
                in.read();
                in.read();
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            in.read();
            in.read();
        }
    }

    // --- reference rates -------------------------------------------------------------------------------

    /** Operations per wall-clock second, and CPU time per operation (robust when other processes share the cores). */
    private record Rate(double perSecond, double cpuMicros) {
    }

    private static Rate rawBouncyCastle(int threads, int seconds) {
        SecureRandom random = new SecureRandom();
        Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(random);
        Ed25519PublicKeyParameters publicKey = privateKey.generatePublicKey();
        byte[] message = new byte[64];
        random.nextBytes(message);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        byte[] signature = signer.generateSignature();
        long[] done = new long[threads];
        long[] cpu = new long[threads];
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                Ed25519Signer verifier = new Ed25519Signer();
                verifier.init(false, publicKey);
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long n = 0;
                while (!stop.get()) {
                    verifier.update(message, 0, message.length);
                    if (!verifier.verifySignature(signature)) {
                        throw new IllegalStateException("signature did not verify");
                    }
                    n++;
                }
                cpu[id] = THREADS.getCurrentThreadCpuTime() - cpuStart;
                done[id] = n;
            });
        }
        for (Thread worker : workers) {
            worker.start();
        }
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
        stop.set(true);
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long total = Arrays.stream(done).sum();
        return new Rate(total / ((System.nanoTime() - start) / 1e9), Arrays.stream(cpu).sum() / 1e3 / total);
    }

    private static Rate inProcess(BooleanSupplier verify, int seconds) {
        long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < warm) {
            check(verify.getAsBoolean());
        }
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long n = 0;
        while (System.nanoTime() < end) {
            check(verify.getAsBoolean());
            n++;
        }
        return new Rate(n / ((System.nanoTime() - start) / 1e9), (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e3 / n);
    }

    private static void check(boolean verified) {
        if (!verified) {
            throw new IllegalStateException("a benchmark credential did not verify");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
