package io.storyline.testing.kafka;

import io.storyline.broker.LocalKafkaBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One real Kafka broker per test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>By default an embedded single-node KRaft broker on an ephemeral port with a temp directory;
 * {@code -Dstoryline.kafka=testcontainers} uses Testcontainers' Kafka on machines with Docker.
 * {@code -Dstoryline.kafka.bootstrap=HOST:PORT} uses a broker you already run.
 */
public final class TestKafka {

    private static String bootstrapServers;
    private static LocalKafkaBroker embedded;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = start();
            TopicProvisioner.createAll(bootstrapServers);
        }
        return bootstrapServers;
    }

    /** The embedded broker, for tests that kill or restart it; null when another provider is in use. */
    public static synchronized LocalKafkaBroker embeddedBroker() {
        bootstrapServers();
        return embedded;
    }

    private static String start() {
        String external = System.getProperty("storyline.kafka.bootstrap");
        if (external != null && !external.isBlank()) {
            return external;
        }
        String provider = System.getProperty("storyline.kafka", "embedded");
        if (provider.equals("testcontainers")) {
            return TestcontainersKafka.start();
        }
        if (!provider.equals("embedded")) {
            throw new IllegalArgumentException("storyline.kafka must be 'embedded' or 'testcontainers', not " + provider);
        }
        try {
            Path dir = Files.createTempDirectory("storyline-test-kafka-");
            embedded = LocalKafkaBroker.start(dir, 0, "384m", Duration.ofSeconds(90));
            LocalKafkaBroker broker = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                deleteRecursively(dir);
            }, "test-kafka-stop"));
            return embedded.bootstrapServers();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Kafka broker", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
