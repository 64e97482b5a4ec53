package io.thyme.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The real Debezium (3.6.1, embedded engine, Kafka Connect's JSON converter) capturing a table of
 * {@link LocalPostgres}. Debezium 3.6 needs Kafka Connect 4.3 and its own io.debezium classes,
 * which clash with the job's kafka-clients 3.4.0 and with the Debezium 1.9.8 inside Flink CDC's jar
 * on the test classpath, so its jars (resolved by src/test/debezium-engine/pom.xml into the file
 * named by the system property {@code thyme.debezium.classpath}) are loaded in a class loader of
 * their own that shares only the JDK and slf4j with the test; the engine is driven by reflection
 * and hands back each record as its topic and JSON key and value, the bytes a Kafka Connect worker
 * would produce.
 */
public final class LocalDebezium implements AutoCloseable {
    /**
     * One record the connector wrote: its destination topic, JSON key and value (null: tombstone).
     */
    public record Record(String topic, String key, String value) {}

    private static ClassLoader loader;

    private final Closeable engine;
    private final ExecutorService thread;
    private final AtomicReference<Throwable> failure;

    private LocalDebezium(
            Closeable engine, ExecutorService thread, AtomicReference<Throwable> failure) {
        this.engine = engine;
        this.thread = thread;
        this.failure = failure;
    }

    /**
     * Debezium's Postgres connector on 127.0.0.1 for {@code public.<table>}, with its own slot and
     * a publication of that table only (dropped on close), topic prefix {@code prefix}, offsets in
     * memory, and {@code settings} on top (e.g. decimal.handling.mode=double,
     * converter.schemas.enable=false). Each record goes to {@code records}, in order, on the
     * engine's thread.
     */
    public static LocalDebezium postgres(
            String table,
            String slot,
            String prefix,
            Map<String, String> settings,
            Consumer<Record> records) {
        Properties config = new Properties();
        config.setProperty("name", slot);
        config.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.setProperty(
                "offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        config.setProperty("offset.flush.interval.ms", "1000");
        config.setProperty("database.hostname", "127.0.0.1");
        config.setProperty("database.port", Integer.toString(LocalPostgres.port()));
        config.setProperty("database.user", "thyme");
        config.setProperty("database.password", "thyme");
        config.setProperty("database.dbname", "thyme");
        config.setProperty("topic.prefix", prefix);
        config.setProperty("table.include.list", "public." + table);
        config.setProperty("plugin.name", "pgoutput");
        config.setProperty("slot.name", slot);
        config.setProperty("slot.drop.on.stop", "true");
        config.setProperty("publication.name", slot + "_pub");
        config.setProperty("publication.autocreate.mode", "filtered");
        // In order, one record at a time: the order Kafka Connect would produce them in.
        config.setProperty("record.processing.threads", "1");
        config.putAll(settings);
        return start(config, records);
    }

    private static LocalDebezium start(Properties config, Consumer<Record> records) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ClassLoader debezium = loader();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // Debezium finds its engine and connector through ServiceLoader on this loader.
        Thread.currentThread().setContextClassLoader(debezium);
        try {
            Class<?> engineType = debezium.loadClass("io.debezium.engine.DebeziumEngine");
            Class<?> builderType = debezium.loadClass("io.debezium.engine.DebeziumEngine$Builder");
            Class<?> callbackType =
                    debezium.loadClass("io.debezium.engine.DebeziumEngine$CompletionCallback");
            Class<?> eventType = debezium.loadClass("io.debezium.engine.ChangeEvent");
            Method key = eventType.getMethod("key");
            Method value = eventType.getMethod("value");
            Method destination = eventType.getMethod("destination");
            Object builder =
                    engineType
                            .getMethod("create", Class.class)
                            .invoke(null, debezium.loadClass("io.debezium.engine.format.Json"));
            builder = builderType.getMethod("using", Properties.class).invoke(builder, config);
            Consumer<Object> notify =
                    event -> {
                        try {
                            records.accept(
                                    new Record(
                                            (String) destination.invoke(event),
                                            (String) key.invoke(event),
                                            (String) value.invoke(event)));
                        } catch (IllegalAccessException | InvocationTargetException e) {
                            throw new IllegalStateException(e);
                        }
                    };
            builder = builderType.getMethod("notifying", Consumer.class).invoke(builder, notify);
            Object callback =
                    Proxy.newProxyInstance(
                            debezium,
                            new Class<?>[] {callbackType},
                            (proxy, method, args) -> {
                                if ("handle".equals(method.getName())
                                        && !(Boolean) args[0]
                                        && failure.get() == null) {
                                    failure.set(
                                            args[2] != null
                                                    ? (Throwable) args[2]
                                                    : new IllegalStateException(
                                                            String.valueOf(args[1])));
                                }
                                switch (method.getName()) {
                                    case "hashCode":
                                        return System.identityHashCode(proxy);
                                    case "equals":
                                        return proxy == args[0];
                                    case "toString":
                                        return "LocalDebezium's completion callback";
                                    default:
                                        return null;
                                }
                            });
            builder = builderType.getMethod("using", callbackType).invoke(builder, callback);
            Closeable engine = (Closeable) builderType.getMethod("build").invoke(builder);
            ExecutorService thread =
                    Executors.newSingleThreadExecutor(
                            r -> {
                                Thread t = new Thread(r, "debezium-engine");
                                t.setContextClassLoader(debezium);
                                t.setDaemon(true);
                                return t;
                            });
            thread.submit((Runnable) engine);
            return new LocalDebezium(engine, thread, failure);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start Debezium's embedded engine", e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Why the engine stopped, if it failed (the tests fail fast on it). */
    public Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() throws Exception {
        engine.close();
        thread.shutdown();
        if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
            fail("Debezium's engine did not stop within 60 s");
        }
    }

    private static synchronized ClassLoader loader() {
        if (loader == null) {
            String file = System.getProperty("thyme.debezium.classpath");
            if (file == null || !Files.exists(Path.of(file))) {
                fail(
                        "no Debezium classpath at %s; run the ITCases through mvn verify, whose"
                                + " pre-integration-test phase writes it from"
                                + " src/test/debezium-engine/pom.xml",
                        file);
            }
            List<URL> jars = new ArrayList<>();
            try {
                for (String jar :
                        Files.readString(Path.of(file), StandardCharsets.UTF_8)
                                .trim()
                                .split(File.pathSeparator)) {
                    jars.add(Path.of(jar).toUri().toURL());
                }
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
            loader = new URLClassLoader("debezium-3.6", jars.toArray(new URL[0]), new Shared());
        }
        return loader;
    }

    /** The JDK, and slf4j from the test's class loader so Debezium logs where the test does. */
    private static final class Shared extends ClassLoader {
        Shared() {
            super("debezium-shared", ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith("org.slf4j.")) {
                return LocalDebezium.class.getClassLoader().loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }
    }
}
