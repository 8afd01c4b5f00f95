package io.storyline.deploy.kubernetes;

import io.storyline.events.Topic;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service's application.properties, as the prod profile sees it, says about Kafka and HTTP:
 * the topics it reads and writes, its consumer groups and transactional ids, its HTTP and health
 * endpoints. Defaults are Quarkus' and SmallRye Reactive Messaging's own.
 */
record ServiceConfiguration(String name, Map<String, String> properties, Set<String> reads, Set<String> writes,
        Set<String> groups, Set<String> transactionalIds, Map<String, String> offsetResetByTopic, int healthPort,
        String readinessPath, String livenessPath, String startupPath) {

    static final List<String> SERVICES = List.of("ingest-service", "nlp-service", "dedupe-service");

    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");
    /** A constant of the event contract's Topic enum named in source code, e.g. Topic.ARTICLES_RAW. */
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("\\bTopic\\.([A-Z][A-Z0-9_]*)\\b");

    static Path repositoryRoot() {
        Path root = Path.of(System.getProperty("storyline.root", "../..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("ingest-service"))) {
            throw new AssertionError("repository root not found at " + root + " (set -Dstoryline.root)");
        }
        return root;
    }

    /**
     * Reads a service's application.properties and, for records it routes in code and topics it reads with a
     * consumer it builds by hand, its sources.
     */
    static ServiceConfiguration load(String service) {
        Path module = repositoryRoot().resolve(service);
        Path file = module.resolve("src/main/resources/application.properties");
        try (Reader reader = Files.newBufferedReader(file)) {
            Path sources = module.resolve("src/main/java");
            return of(service, reader, routedTopics(sources), handReadTopics(sources));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static ServiceConfiguration parse(String service, String properties) {
        try {
            return of(service, new StringReader(properties), Set.of(), Set.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServiceConfiguration of(String service, Reader reader, Set<String> routedInCode, Set<String> readInCode)
            throws IOException {
        Properties raw = new Properties();
        raw.load(reader);
        Map<String, String> effective = new TreeMap<>();
        for (String key : raw.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                // putIfAbsent: a %prod.* key seen earlier wins.
                effective.putIfAbsent(key, raw.getProperty(key).trim());
            } else if (key.startsWith("%prod.")) {
                effective.put(key.substring("%prod.".length()), raw.getProperty(key).trim());
            }
        }

        Map<String, Map<String, String>> incoming = channels(effective, "incoming");
        Map<String, Map<String, String>> outgoing = channels(effective, "outgoing");
        String application = effective.getOrDefault("quarkus.application.name", service);

        Set<String> reads = new TreeSet<>(readInCode);
        Set<String> writes = new TreeSet<>(routedInCode);
        Set<String> groups = new TreeSet<>();
        Set<String> transactionalIds = new TreeSet<>();
        Map<String, String> offsetReset = new TreeMap<>();
        incoming.forEach((channel, config) -> {
            if (!isKafka(config)) {
                return;
            }
            if (Boolean.parseBoolean(config.getOrDefault("pattern", "false"))) {
                throw new AssertionError(service + ": incoming channel '" + channel + "' subscribes by pattern;"
                        + " its topics cannot be checked against KafkaTopics and literal ACLs");
            }
            List<String> topics = config.containsKey("topics")
                    ? Arrays.stream(config.get("topics").split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList()
                    : List.of(config.getOrDefault("topic", channel));
            reads.addAll(topics);
            groups.add(config.getOrDefault("group.id", effective.getOrDefault("kafka.group.id", application)));
            String reset = config.getOrDefault("auto.offset.reset", effective.getOrDefault("kafka.auto.offset.reset", "latest"));
            topics.forEach(t -> offsetReset.put(t, reset));
            String strategy = config.getOrDefault("failure-strategy", "fail");
            if (strategy.equals("dead-letter-queue")) {
                writes.add(config.getOrDefault("dead-letter-queue.topic", "dead-letter-topic-" + channel));
            } else if (strategy.equals("delayed-retry-topic")) {
                throw new AssertionError(service + ": channel '" + channel + "' uses delayed-retry-topic, whose retry"
                        + " topics this check does not derive yet");
            }
        });
        outgoing.forEach((channel, config) -> {
            if (!isKafka(config)) {
                return;
            }
            writes.add(config.getOrDefault("topic", channel));
            String transactionalId = config.get("transactional.id");
            if (transactionalId != null) {
                transactionalIds.add(transactionalId);
            }
        });

        boolean management = Boolean.parseBoolean(effective.getOrDefault("quarkus.management.enabled", "false"));
        int port = management
                ? Integer.parseInt(effective.getOrDefault("quarkus.management.port", "9000"))
                : Integer.parseInt(effective.getOrDefault("quarkus.http.port", "8080"));
        String root = effective.getOrDefault("quarkus.http.non-application-root-path", "q");
        String health = effective.getOrDefault("quarkus.smallrye-health.root-path", "health");
        String base = health.startsWith("/") ? health : join("/" + strip(root), health);
        return new ServiceConfiguration(service, Map.copyOf(effective), reads, writes, groups, transactionalIds, offsetReset, port,
                join(base, effective.getOrDefault("quarkus.smallrye-health.readiness-path", "ready")),
                join(base, effective.getOrDefault("quarkus.smallrye-health.liveness-path", "live")),
                join(base, effective.getOrDefault("quarkus.smallrye-health.startup-path", "started")));
    }

    /** Channel name to its properties (the part after mp.messaging.<direction>.<channel>.). */
    private static Map<String, Map<String, String>> channels(Map<String, String> effective, String direction) {
        Map<String, Map<String, String>> channels = new LinkedHashMap<>();
        effective.forEach((key, value) -> {
            Matcher m = CHANNEL.matcher(key);
            if (m.matches() && m.group(1).equals(direction)) {
                channels.computeIfAbsent(m.group(2), c -> new TreeMap<>()).put(m.group(3), value);
            }
        });
        return channels;
    }

    /** Kafka is the only connector the services have: a channel without one is attached to it by Quarkus. */
    private static boolean isKafka(Map<String, String> config) {
        return config.getOrDefault("connector", "smallrye-kafka").equals("smallrye-kafka");
    }

    /**
     * Topics the code writes to by naming them per record (OutgoingKafkaRecordMetadata.withTopic), which no
     * property shows: the Topic constants named in the source files that route records that way.
     */
    static Set<String> routedTopics(Path sources) throws IOException {
        Set<String> topics = topicsNamedWhere(sources, code -> code.contains(".withTopic(") || code.contains(".emit(Topic.")
                || code.contains("new StageOutput("));
        // a step of stage-runtime's TransactionalBatchStage dead-letters through its RecordContext, which routes to
        // Topic.DEADLETTER inside stage-runtime, outside the service's sources
        if (anySourceWhere(sources, code -> code.contains("import io.storyline.runtime.stage.RecordContext;") && code.contains(".deadLetter("))) {
            topics.add(Topic.DEADLETTER.topicName());
        }
        return topics;
    }

    private static boolean anySourceWhere(Path sources, java.util.function.Predicate<String> applies) throws IOException {
        if (!Files.isDirectory(sources)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (applies.test(Files.readString(file))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Topics the code reads with a consumer it builds by hand (new KafkaConsumer, assigned rather than subscribed
     * in a group, so no group ACL), which no property shows either: the Topic constants named in the source files
     * that build one, e.g. ingest's revision ledger following Topic.ARTICLES_RAW.
     */
    static Set<String> handReadTopics(Path sources) throws IOException {
        return topicsNamedWhere(sources, code -> HAND_BUILT_CONSUMER.matcher(code).find());
    }

    private static final Pattern HAND_BUILT_CONSUMER = Pattern.compile("new\\s+KafkaConsumer\\s*<");

    private static Set<String> topicsNamedWhere(Path sources, java.util.function.Predicate<String> applies) throws IOException {
        Set<String> topics = new TreeSet<>();
        if (!Files.isDirectory(sources)) {
            return topics;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String code = Files.readString(file);
            if (!applies.test(code)) {
                continue;
            }
            Matcher m = TOPIC_CONSTANT.matcher(code);
            while (m.find()) {
                try {
                    topics.add(Topic.valueOf(m.group(1)).topicName());
                } catch (IllegalArgumentException notATopic) {
                    // Topic.valueOf or a constant of another type named Topic: not a destination.
                }
            }
        }
        return topics;
    }

    private static final Pattern HAND_BUILT_CLIENT = Pattern.compile(
            "new\\s+Kafka(Consumer|Producer)\\s*<|\\bAdmin(Client)?\\.create\\(");

    /**
     * Source files of a service that build a Kafka client by hand without starting from Quarkus' shared
     * Kafka configuration (the bean {@code @Identifier("default-kafka-broker")}, which holds every kafka.*
     * property and KAFKA_* variable): such a client gets none of the TLS settings the Deployment provides.
     */
    static List<Path> clientsWithoutSharedConfiguration(String service) {
        Path sources = repositoryRoot().resolve(service).resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(sources)) {
            return walk.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String code = Files.readString(p);
                    return HAND_BUILT_CLIENT.matcher(code).find() && !code.contains("default-kafka-broker");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(sources::relativize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String strip(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static String join(String base, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        return (base.endsWith("/") ? base : base + "/") + strip(path);
    }
}
