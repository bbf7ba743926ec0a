package ca.microcred.devstack;

import ca.microcred.contracts.Topics;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker running inside this JVM: one KRaft node that is both broker and controller, with
 * every replication factor and minimum ISR at 1 so idempotent producers with {@code acks=all} and consumer groups
 * work exactly as against a cluster. All contract topics ({@link Topics}) and their dead-letter topics exist with
 * {@value #CONTRACT_TOPIC_PARTITIONS} partitions once {@link #start} returns; other topics are created on first use.
 *
 * <p>Data lives in {@link #dataDir()}. A broker started on a directory it used before keeps its topics, records
 * and committed offsets. {@link #stop()} and {@link #restart()} take the broker away and bring it back on the same
 * port and data, for fault tests.
 */
public final class EmbeddedKafka implements AutoCloseable {

    public static final int CONTRACT_TOPIC_PARTITIONS = 3;

    private static final System.Logger LOG = System.getLogger(EmbeddedKafka.class.getName());
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);

    private final int port;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private KafkaRaftServer server;

    private EmbeddedKafka(int port, Path dataDir, boolean ownsDataDir) {
        this.port = port;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
    }

    /**
     * Starts a broker and waits until it serves requests and the contract topics have leaders.
     *
     * @param port    client port on localhost, 0 for a free one
     * @param dataDir where the log and metadata live; {@code null} for a temporary directory deleted by {@link #close()}
     */
    public static EmbeddedKafka start(int port, Path dataDir) {
        QuietLogs.apply();
        boolean temporary = dataDir == null;
        Path dir;
        try {
            dir = temporary ? Files.createTempDirectory("microcred-kafka-") : Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data directory " + dataDir, e);
        }
        EmbeddedKafka kafka = new EmbeddedKafka(port == 0 ? Ports.free() : port, dir.toAbsolutePath(), temporary);
        try {
            kafka.restart();
        } catch (Throwable e) {
            // also on a NoClassDefFoundError from an incomplete classpath: no temporary directory is left behind
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /** {@code localhost:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Creates the topics that do not exist yet and waits until every partition of every named topic has a
     * leader, so a producer's first send does not race the metadata propagation.
     */
    public void createTopics(Collection<String> names, int partitions) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "devstack-admin");
        try (Admin admin = Admin.create(config)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                topics.add(new NewTopic(name, partitions, (short) 1));
            }
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(TOPIC_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name, e.getCause());
                    }
                } catch (Exception e) {
                    throw failure("cannot create topic " + name, e);
                }
            });
            awaitLeaders(admin, names);
        }
    }

    /** Shuts the broker down and keeps its data, including a temporary directory, so {@link #restart()} can resume. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long started = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "Kafka on port " + port + " stopped in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
    }

    /** Starts the broker again on the same port and data directory; a no-op while it runs. */
    public synchronized void restart() {
        if (server != null) {
            return;
        }
        long started = System.nanoTime();
        formatIfNew();
        // a controller port picked afresh on each start: the single static voter is read from config, not from disk
        KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(brokerProperties(Ports.free()), false),
                Time.SYSTEM);
        try {
            raftServer.startup();
        } catch (RuntimeException e) {
            raftServer.shutdown();
            raftServer.awaitShutdown();
            throw e;
        }
        server = raftServer;
        createTopics(contractTopics(), CONTRACT_TOPIC_PARTITIONS);
        LOG.log(System.Logger.Level.DEBUG, () -> "Kafka ready on " + bootstrapServers() + " in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms, data " + dataDir);
    }

    /** Stops the broker; deletes the data directory only when {@link #start} created it. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            if (ownsDataDir) {
                try {
                    Utils.delete(dataDir.toFile());
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot delete " + dataDir, e);
                }
            }
        }
    }

    /** The contract topics and their dead-letter topics. */
    public static List<String> contractTopics() {
        List<String> names = new ArrayList<>();
        for (String topic : List.of(Topics.PROVIDERS, Topics.ACHIEVEMENTS, Topics.COHORTS, Topics.CREDENTIALS,
                Topics.REGISTRY)) {
            names.add(topic);
            names.add(Topics.deadLetter(topic));
        }
        return names;
    }

    private void formatIfNew() {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(org.apache.kafka.common.Uuid.randomUuid().toString())
                .addDirectory(dataDir.toString())
                .setMetadataLogDirectory(dataDir.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setControllerListenerName(CONTROLLER_LISTENER);
        try {
            formatter.run();
        } catch (Exception e) {
            throw failure("cannot format Kafka storage in " + dataDir, e);
        }
    }

    private Properties brokerProperties(int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://localhost:" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("metadata.log.dir", dataDir.toString());

        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        // the consumer-offsets topic is created on the first group join; fewer partitions make that first join fast
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");

        // sized for one developer machine: the default cleaner buffer alone would take 128 MiB of heap
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        return p;
    }

    private static void awaitLeaders(Admin admin, Collection<String> names) {
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                        .get(TOPIC_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                boolean ready = descriptions.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
                if (ready && descriptions.keySet().containsAll(names)) {
                    return;
                }
            } catch (ExecutionException e) {
                // metadata of a just-created topic may not have reached the broker yet; ask again
            } catch (Exception e) {
                throw failure("cannot describe topics " + names, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " have no leaders after " + TOPIC_READY_TIMEOUT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + names, e);
            }
        }
    }

    private static IllegalStateException failure(String message, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException(message, e);
    }
}
