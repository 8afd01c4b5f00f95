package io.storyline.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where and how the local stack runs. Ports default to 9092 (Kafka), 8080 (ingest), 8081 (nlp) and
 * 8082 (dedupe); 0 picks a free port (tests).
 *
 * @param repo       repository root (holds each service's target/quarkus-app)
 * @param dataDir    broker data and service logs
 * @param kafkaPort  broker client port
 * @param ingestPort ingest-service HTTP port
 * @param nlpPort    nlp-service HTTP port
 * @param dedupePort dedupe-service HTTP port
 */
public record StackOptions(Path repo, Path dataDir, int kafkaPort, int ingestPort, int nlpPort, int dedupePort) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_INGEST_PORT = 8080;
    public static final int DEFAULT_NLP_PORT = 8081;
    public static final int DEFAULT_DEDUPE_PORT = 8082;

    /** Defaults overridden by STORYLINE_KAFKA_PORT, STORYLINE_INGEST_PORT, STORYLINE_NLP_PORT, STORYLINE_DEDUPE_PORT. */
    public static StackOptions fromEnvironment(Path repo, Path dataDir, Map<String, String> env) {
        return new StackOptions(repo, dataDir,
                port(env, "STORYLINE_KAFKA_PORT", DEFAULT_KAFKA_PORT),
                port(env, "STORYLINE_INGEST_PORT", DEFAULT_INGEST_PORT),
                port(env, "STORYLINE_NLP_PORT", DEFAULT_NLP_PORT),
                port(env, "STORYLINE_DEDUPE_PORT", DEFAULT_DEDUPE_PORT));
    }

    public StackOptions withKafkaPort(int port) {
        return new StackOptions(repo, dataDir, port, ingestPort, nlpPort, dedupePort);
    }

    public StackOptions withIngestPort(int port) {
        return new StackOptions(repo, dataDir, kafkaPort, port, nlpPort, dedupePort);
    }

    public StackOptions withNlpPort(int port) {
        return new StackOptions(repo, dataDir, kafkaPort, ingestPort, port, dedupePort);
    }

    public StackOptions withDedupePort(int port) {
        return new StackOptions(repo, dataDir, kafkaPort, ingestPort, nlpPort, port);
    }

    static int parsePort(String value, String what) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a port number (0-65535), not '" + value + "'");
        }
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : parsePort(value, name);
    }
}
