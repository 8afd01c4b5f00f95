package io.storyline.deploy.kubernetes.keda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of KEDA's Kafka scaler (https://keda.sh/docs/2.18/scalers/apache-kafka/): which keys a
 * trigger's metadata and a TriggerAuthentication may set, and which values they take. KEDA ignores an
 * unknown key silently; here it is an error.
 */
public final class KafkaScaler {

    public static final Set<String> METADATA = Set.of("bootstrapServers", "consumerGroup", "topic", "lagThreshold",
            "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers", "scaleToZeroOnInvalidOffset",
            "excludePersistentLag", "limitToPartitionsWithLag", "ensureEvenDistributionOfPartitions", "version",
            "partitionLimitation", "sasl", "saslTokenProvider", "tls", "unsafeSsl", "awsRegion");

    public static final Set<String> AUTHENTICATION = Set.of("sasl", "saslTokenProvider", "username", "password", "keytab",
            "realm", "kerberosConfig", "kerberosServiceName", "kerberosDisableFAST", "oauthTokenEndpointUri", "scopes",
            "oauthExtensions", "tls", "ca", "cert", "key", "keyPassword", "awsRoleArn", "awsAccessKeyID", "awsSecretAccessKey");

    private static final Set<String> BOOLEANS = Set.of("allowIdleConsumers", "scaleToZeroOnInvalidOffset",
            "excludePersistentLag", "limitToPartitionsWithLag", "ensureEvenDistributionOfPartitions", "unsafeSsl");

    private KafkaScaler() {
    }

    /** What is wrong with a Kafka trigger's metadata; empty when nothing is. */
    public static List<String> problems(Map<String, String> metadata) {
        List<String> problems = new ArrayList<>();
        if (metadata == null) {
            return List.of("kafka trigger has no metadata");
        }
        metadata.keySet().stream().filter(k -> !METADATA.contains(k)).sorted()
                .forEach(k -> problems.add("unknown Kafka scaler parameter '" + k + "'"));
        for (String required : List.of("bootstrapServers", "consumerGroup")) {
            if (metadata.get(required) == null || metadata.get(required).isBlank()) {
                problems.add("missing required parameter '" + required + "'");
            }
        }
        for (String threshold : List.of("lagThreshold", "activationLagThreshold")) {
            String value = metadata.get(threshold);
            if (value != null && !value.matches("\\d+")) {
                problems.add(threshold + " must be a non-negative integer, not '" + value + "'");
            }
        }
        if ("0".equals(metadata.get("lagThreshold"))) {
            problems.add("lagThreshold must be positive");
        }
        String reset = metadata.get("offsetResetPolicy");
        if (reset != null && !Set.of("earliest", "latest").contains(reset)) {
            problems.add("offsetResetPolicy must be earliest or latest, not '" + reset + "'");
        }
        String tls = metadata.get("tls");
        if (tls != null && !Set.of("enable", "disable").contains(tls)) {
            problems.add("tls must be enable or disable, not '" + tls + "'");
        }
        String sasl = metadata.get("sasl");
        if (sasl != null && !Set.of("plaintext", "scram_sha256", "scram_sha512", "gssapi", "oauthbearer", "none").contains(sasl)) {
            problems.add("sasl must be one of plaintext, scram_sha256, scram_sha512, gssapi, oauthbearer, none, not '" + sasl + "'");
        }
        for (String flag : BOOLEANS) {
            String value = metadata.get(flag);
            if (value != null && !Set.of("true", "false").contains(value)) {
                problems.add(flag + " must be 'true' or 'false', not '" + value + "'");
            }
        }
        if ("true".equals(metadata.get("limitToPartitionsWithLag")) && "true".equals(metadata.get("allowIdleConsumers"))) {
            problems.add("limitToPartitionsWithLag and allowIdleConsumers cannot both be true");
        }
        return problems;
    }
}
