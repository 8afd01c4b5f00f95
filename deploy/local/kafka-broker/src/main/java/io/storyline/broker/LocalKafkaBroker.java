package io.storyline.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, combined broker+controller) bound to 127.0.0.1, run as a
 * separate JVM from Apache Kafka's own Maven artifacts.
 *
 * <p>It is a child process rather than an in-process server because the broker's dependencies
 * (Scala, its own Jackson and hash4j versions) must never meet a service's classpath. This class
 * uses only the JDK.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final String READY_LINE = "Kafka Server started";

    private final Path dataDir;
    private final int port;
    private final Process process;
    private final Path logFile;

    private LocalKafkaBroker(Path dataDir, int port, Process process, Path logFile) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Formats {@code dataDir} (unless it already holds a formatted log) and starts the broker.
     *
     * @param port the client port, or 0 for a free ephemeral one
     * @param heap the broker's maximum heap, e.g. "512m"
     */
    public static LocalKafkaBroker start(Path dataDir, int port, String heap, Duration startupTimeout) throws IOException {
        Files.createDirectories(dataDir);
        boolean formatted = Files.exists(dataDir.resolve("kraft-logs").resolve("meta.properties"));
        Path config = dataDir.resolve("server.properties");
        int clientPort;
        if (formatted && Files.exists(config)) {
            // A restart: the controller's address is part of the formatted quorum state, so both ports stay.
            clientPort = requireFree(Integer.parseInt(property(config, "storyline.client.port")), "Kafka");
            requireFree(Integer.parseInt(property(config, "storyline.controller.port")), "the Kafka controller");
        } else {
            clientPort = port == 0 ? freePort() : requireFree(port, "Kafka");
            writeServerProperties(config, dataDir, clientPort, freePort());
        }
        String classpath = brokerClasspath();
        Path logConfig = dataDir.resolve("log4j2.properties");
        try (InputStream in = LocalKafkaBroker.class.getResourceAsStream("log4j2.properties")) {
            Files.copy(Objects.requireNonNull(in, "log4j2.properties missing from kafka-broker jar"), logConfig,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path logFile = dataDir.resolve("broker.log");

        if (!formatted) {
            List<String> format = javaCommand(classpath, logConfig, "256m");
            format.addAll(List.of("kafka.tools.StorageTool", "format", "--standalone",
                    "--cluster-id", clusterId(), "--config", config.toString()));
            runToCompletion(format, dataDir.resolve("format.log"), Duration.ofSeconds(60));
        }

        List<String> server = javaCommand(classpath, logConfig, heap);
        server.addAll(List.of("kafka.Kafka", config.toString()));
        Process process = new ProcessBuilder(server)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        LocalKafkaBroker broker = new LocalKafkaBroker(dataDir, clientPort, process, logFile);
        try {
            broker.awaitReady(startupTimeout);
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the broker with SIGTERM (a controlled shutdown), escalating to SIGKILL after 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the broker without a controlled shutdown, as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    private void awaitReady(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Kafka broker exited with " + process.exitValue() + " during start-up; last log lines:\n" + tail(logFile));
            }
            if (Files.exists(logFile) && Files.readString(logFile, StandardCharsets.UTF_8).contains(READY_LINE) && accepts(port)) {
                return;
            }
            sleep(100);
        }
        throw new IOException("Kafka broker not ready after " + timeout.toSeconds() + " s; last log lines:\n" + tail(logFile));
    }

    private static void writeServerProperties(Path config, Path dataDir, int clientPort, int controllerPort) throws IOException {
        String properties = String.join("\n",
                "storyline.client.port=" + clientPort,
                "storyline.controller.port=" + controllerPort,
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("kraft-logs").toAbsolutePath(),
                "num.partitions=1",
                // Topics are created explicitly (partitions, compaction); a typo must not create one silently.
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.segment.bytes=67108864",
                "") ;
        Files.writeString(config, properties, StandardCharsets.UTF_8);
    }

    private static String property(Path file, String key) throws IOException {
        java.util.Properties properties = new java.util.Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IOException(file + " has no " + key + "; delete the data directory to start afresh");
        }
        return value;
    }

    private static List<String> javaCommand(String classpath, Path logConfig, String heap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + logConfig.toUri());
        command.add("-cp");
        command.add(classpath);
        return command;
    }

    private static void runToCompletion(List<String> command, Path log, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("Kafka storage format failed (exit " + p.exitValue() + "):\n" + tail(log));
        }
    }

    static String brokerClasspath() throws IOException {
        try (InputStream in = LocalKafkaBroker.class.getResourceAsStream("kafka-broker.classpath")) {
            if (in == null) {
                throw new IOException("kafka-broker.classpath is missing: build deploy/local/kafka-broker with Maven first");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String ownLocation = LocalKafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().getPath();
            return ownLocation + java.io.File.pathSeparator + classpath;
        }
    }

    /** Kafka cluster ids are 16 random bytes, base64url without padding, not starting with '-'. */
    private static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with a message naming the component when the port is already taken. */
    public static int requireFree(int port, String what) throws IOException {
        try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return port;
        } catch (IOException e) {
            throw new IOException("port " + port + " for " + what + " is already in use on 127.0.0.1; choose another one", e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    /**
     * Runs a broker until the process is stopped: {@code --port N} (default 9092), {@code --data-dir DIR}
     * (default a new temp directory), {@code --heap SIZE} (default 512m).
     */
    public static void main(String[] args) throws Exception {
        int port = 9092;
        Path dataDir = null;
        String heap = "512m";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--heap" -> heap = args[++i];
                default -> {
                    System.err.println("unknown option " + args[i] + "; usage: [--port N] [--data-dir DIR] [--heap SIZE]");
                    System.exit(2);
                }
            }
        }
        if (dataDir == null) {
            dataDir = Files.createTempDirectory("storyline-kafka-");
        }
        LocalKafkaBroker broker;
        try {
            broker = start(dataDir, port, heap, Duration.ofSeconds(90));
        } catch (IOException e) {
            System.err.println("kafka-broker: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
        System.out.println("kafka-broker ready bootstrap=" + broker.bootstrapServers() + " data=" + broker.dataDir().toAbsolutePath()
                + " pid=" + broker.pid());
        System.out.flush();
        broker.process.waitFor();
    }
}
