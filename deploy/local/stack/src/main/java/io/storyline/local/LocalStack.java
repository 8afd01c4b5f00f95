package io.storyline.local;

import io.storyline.broker.LocalKafkaBroker;
import io.storyline.testing.kafka.TopicProvisioner;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The whole pipeline on one machine: a real single-node Kafka broker, its topics, and the three
 * services as separate JVMs. Used by deploy/local/run.sh and by the end-to-end tests.
 */
public final class LocalStack implements AutoCloseable {

    public static final String INGEST = "ingest-service";
    public static final String NLP = "nlp-service";
    public static final String DEDUPE = "dedupe-service";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final StackOptions options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // the fault injector restarts instances while the pusher looks up ingest's URL
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    /** Ports of the instances beyond each service's first (which uses the options' port). */
    private final Map<String, Integer> extraPorts = new LinkedHashMap<>();
    private LocalKafkaBroker broker;

    private LocalStack(StackOptions options) {
        this.options = options;
    }

    /** Starts broker and services; on any failure stops what it started and rethrows. */
    public static LocalStack start(StackOptions options, StartupListener listener) throws IOException, InterruptedException {
        LocalStack stack = new LocalStack(resolvePorts(options));
        try {
            stack.startAll(listener);
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Checks every fixed port up front so a clash is reported before anything starts, naming the port's role. */
    private static StackOptions resolvePorts(StackOptions o) throws IOException {
        return o.withKafkaPort(pick(o.kafkaPort(), "Kafka (--kafka-port / STORYLINE_KAFKA_PORT)"))
                .withIngestPort(pick(o.ingestPort(), "ingest-service (--ingest-port / STORYLINE_INGEST_PORT)"))
                .withNlpPort(pick(o.nlpPort(), "nlp-service (--nlp-port / STORYLINE_NLP_PORT)"))
                .withDedupePort(pick(o.dedupePort(), "dedupe-service (--dedupe-port / STORYLINE_DEDUPE_PORT)"));
    }

    private static int pick(int port, String what) throws IOException {
        return port == 0 ? LocalKafkaBroker.freePort() : LocalKafkaBroker.requireFree(port, what);
    }

    private void startAll(StartupListener listener) throws IOException, InterruptedException {
        Files.createDirectories(options.dataDir().resolve("logs"));
        listener.step("starting Kafka (KRaft, 127.0.0.1:" + options.kafkaPort() + ", data in " + options.dataDir().resolve("kafka") + ")");
        broker = LocalKafkaBroker.start(options.dataDir().resolve("kafka"), options.kafkaPort(), "512m", Duration.ofSeconds(90));
        TopicProvisioner.createAll(broker.bootstrapServers());

        // Downstream first, so nothing waits on a consumer that is not there yet; all start in parallel.
        for (String name : List.of(DEDUPE, NLP, INGEST)) {
            services.add(launch(name));
        }
        for (ServiceProcess service : services) {
            listener.step("waiting for " + service.name() + " on " + service.baseUrl() + " (log: " + service.log() + ")");
            service.awaitReady(http, READY_TIMEOUT);
        }
    }

    /**
     * Starts one more instance of {@code service} in the same consumer groups and waits until it is ready; Kafka
     * then shares the service's partitions between the instances (or keeps the new one on standby when there are
     * fewer partitions than instances). Returns the instance's name, e.g. {@code nlp-service-2}, for
     * {@link #kill}, {@link #restart} and {@link #baseUrl}.
     */
    public String addInstance(String service) throws IOException, InterruptedException {
        long running = services.stream().filter(s -> serviceOf(s.name()).equals(service)).count();
        String name = service + "-" + (running + 1);
        extraPorts.put(name, LocalKafkaBroker.freePort());
        ServiceProcess instance = launch(name);
        services.add(instance);
        instance.awaitReady(http, READY_TIMEOUT);
        return name;
    }

    /** Names of every running service instance. */
    public List<String> instances() {
        return services.stream().map(ServiceProcess::name).toList();
    }

    private static String serviceOf(String instance) {
        return instance.replaceFirst("-\\d+$", "");
    }

    private ServiceProcess launch(String name) throws IOException {
        // Loopback only, so ingest's API keys (required by the prod profile on a cluster) stay off here.
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "STORYLINE_INGEST_AUTH_ENABLED", "false"));
        Integer extraPort = extraPorts.get(name);
        if (extraPort != null) {
            // its own transactional id: two producers with one id would fence each other
            env.put("STORYLINE_INSTANCE_ID", name.substring(name.lastIndexOf('-') + 1));
        }
        Path logs = options.dataDir().resolve("logs");
        String service = serviceOf(name);
        return switch (service) {
            // 1 GiB: at 100,000 articles in the window dedupe's heap had reached 510 MB of 512 (index, open stories, board)
            case DEDUPE -> ServiceProcess.start(DEDUPE, name, options.repo(), port(extraPort, options.dedupePort()), "1g", env, logs);
            case NLP -> ServiceProcess.start(NLP, name, options.repo(), port(extraPort, options.nlpPort()), "768m", env, logs);
            case INGEST -> ServiceProcess.start(INGEST, name, options.repo(), port(extraPort, options.ingestPort()), "256m", env, logs);
            default -> throw new IllegalArgumentException("no service " + name);
        };
    }

    private static int port(Integer extraPort, int firstInstancePort) {
        return extraPort != null ? extraPort : firstInstancePort;
    }

    /** SIGKILLs a service, as a crash would. */
    public void kill(String name) throws InterruptedException {
        service(name).kill();
    }

    /** SIGTERMs a service, as a rolling update would, and waits until it has exited (SIGKILL after 30 s). */
    public void stop(String name) {
        service(name).close();
    }

    /** Starts a service again on its port (after {@link #kill}) and waits until it is ready. */
    public void restart(String name) throws IOException, InterruptedException {
        ServiceProcess old = service(name);
        old.close();
        ServiceProcess fresh = launch(name);
        services.set(services.indexOf(old), fresh);
        fresh.awaitReady(http, READY_TIMEOUT);
    }

    /** Stops the broker (SIGKILL when {@code crash}, else a controlled shutdown) and starts it again on the same data and ports. */
    public void restartBroker(boolean crash) throws IOException, InterruptedException {
        if (crash) {
            broker.kill();
        } else {
            broker.close();
        }
        broker = LocalKafkaBroker.start(options.dataDir().resolve("kafka"), options.kafkaPort(), "512m", Duration.ofSeconds(90));
    }

    public boolean isAlive(String name) {
        return service(name).isAlive();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String ingestUrl() {
        return service(INGEST).baseUrl();
    }

    public String baseUrl(String serviceName) {
        return service(serviceName).baseUrl();
    }

    public StackOptions options() {
        return options;
    }

    public HttpClient http() {
        return http;
    }

    public LocalKafkaBroker broker() {
        return broker;
    }

    ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** Stops services upstream first (so in-flight articles drain downstream), then the broker. */
    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** Progress of start-up, for the runner to print. */
    @FunctionalInterface
    public interface StartupListener {
        void step(String message);
    }
}
