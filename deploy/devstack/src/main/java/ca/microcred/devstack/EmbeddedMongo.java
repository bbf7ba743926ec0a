package ca.microcred.devstack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server (mongo-java-server) inside this JVM. {@link #memory} keeps everything in memory,
 * for tests; {@link #h2} stores the data in one H2 MVStore file that a later start on the same file reads back.
 * Single-document operations, unique indexes and aggregations work; multi-document transactions do not.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final int port;

    private EmbeddedMongo(MongoBackend backend, int port) {
        QuietLogs.apply();
        this.server = new MongoServer(backend);
        try {
            server.bind("localhost", port);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        this.port = server.getLocalAddress().getPort();
    }

    /** An in-memory store on {@code port} (0 for a free port); its data is gone after {@link #close()}. */
    public static EmbeddedMongo memory(int port) {
        return new EmbeddedMongo(new MemoryBackend(), port);
    }

    /** A store kept in the H2 file {@code file} (created if missing, e.g. {@code .devstack-data/mongo.mv.db}). */
    public static EmbeddedMongo h2(int port, Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + absolute, e);
        }
        return new EmbeddedMongo(new H2Backend(absolute.toString()), port);
    }

    /** {@code mongodb://localhost:<port>}, for {@code quarkus.mongodb.connection-string}. */
    public String connectionString() {
        return "mongodb://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** Disconnects the clients and closes the store; an H2 store writes its last changes to the file first. */
    @Override
    public void close() {
        server.shutdownNow();
    }
}
