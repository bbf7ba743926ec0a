package ca.microcred.devstack;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * The one Kafka broker and one in-memory Mongo a test JVM shares, started on first use and closed when the JVM
 * exits.
 *
 * <p>Quarkus loads each test application in its own class loader, so a plain static field would start a broker per
 * application. The state therefore lives in this class as loaded by the system class loader (which holds the whole
 * test classpath under Surefire and IDEs); copies of this class in other loaders delegate to it by reflection and
 * only exchange strings. The servers also start with the system loader as context class loader, so no thread of
 * theirs pins a test application's class loader after that application stops.
 */
public final class SharedDevstack {

    public static final String KAFKA = "kafka";
    public static final String MONGO = "mongo";

    private static Map<String, String> endpoints;

    private SharedDevstack() {
    }

    /** {@link #KAFKA} → bootstrap servers, {@link #MONGO} → connection string; starts both on the first call. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> endpoints() {
        Class<?> owner = owner();
        if (owner == SharedDevstack.class) {
            return startOnce();
        }
        try {
            Method method = owner.getMethod("endpoints");
            return (Map<String, String>) method.invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the shared devstack", e);
        }
    }

    private static Class<?> owner() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        if (SharedDevstack.class.getClassLoader() == system) {
            return SharedDevstack.class;
        }
        try {
            return Class.forName(SharedDevstack.class.getName(), true, system);
        } catch (ClassNotFoundException e) {
            return SharedDevstack.class;
        }
    }

    private static synchronized Map<String, String> startOnce() {
        if (endpoints != null) {
            return endpoints;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SharedDevstack.class.getClassLoader());
        try {
            EmbeddedKafka kafka = EmbeddedKafka.start(0, null);
            EmbeddedMongo mongo;
            try {
                mongo = EmbeddedMongo.memory(0);
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            Thread hook = new Thread(() -> {
                mongo.close();
                kafka.close();
            }, "devstack-shutdown");
            hook.setContextClassLoader(SharedDevstack.class.getClassLoader());
            Runtime.getRuntime().addShutdownHook(hook);
            endpoints = Map.of(KAFKA, kafka.bootstrapServers(), MONGO, mongo.connectionString());
            return endpoints;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
