package io.storyline.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.storyline.deploy.kubernetes.keda.KafkaScaler;
import io.storyline.deploy.kubernetes.keda.ScaledObject;
import io.storyline.deploy.kubernetes.keda.TriggerAuthentication;
import io.storyline.events.Topic;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationTls;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserTlsClientAuthentication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests against the services' own configuration, read at test time from each service's
 * src/main/resources/application.properties (prod profile) and the event contract's Topic enum: topics,
 * ACLs, consumer groups, ports, probes, and the lag autoscaling of nlp-service.
 */
class ServiceConsistencyTest {

    private static final String KEDA_USER = "keda-lag-reader";

    static List<String> overlays() {
        return RenderedOverlay.OVERLAYS;
    }

    static Stream<Arguments> overlaysAndServices() {
        return RenderedOverlay.OVERLAYS.stream()
                .flatMap(o -> ServiceConfiguration.SERVICES.stream().map(s -> Arguments.of(o, s)));
    }

    @ParameterizedTest
    @MethodSource("overlaysAndServices")
    void everyTopicAServiceUsesIsAKafkaTopicOfTheCluster(String overlay, String service) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        ServiceConfiguration config = ServiceConfiguration.load(service);
        Set<String> used = new TreeSet<>(config.reads());
        used.addAll(config.writes());
        assertThat(topicsByName(rendered).keySet()).as("KafkaTopics of %s for the topics %s uses", overlay, service).containsAll(used);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaTopicsAreTheEventContractsTopics(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Kafka kafka = kafka(rendered);
        Map<String, KafkaTopic> topics = topicsByName(rendered);
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Arrays.stream(Topic.values()).map(Topic::topicName).toList());

        int brokers = nodes(rendered, ProcessRoles.BROKER);
        Map<String, Object> clusterConfig = kafka.getSpec().getKafka().getConfig();
        for (Topic topic : Topic.values()) {
            KafkaTopic resource = topics.get(topic.topicName());
            String what = overlay + " " + topic.topicName();
            assertThat(resource.getMetadata().getLabels()).as(what).containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
            assertThat(resource.getSpec().getPartitions()).as(what + " partitions").isGreaterThanOrEqualTo(topic.partitions());
            Map<String, String> config = new java.util.TreeMap<>();
            resource.getSpec().getConfig().forEach((k, v) -> config.put(k, String.valueOf(v)));
            assertThat(config).as(what + " config").containsAllEntriesOf(topic.config());
            if (!topic.config().containsKey("cleanup.policy")) {
                assertThat(config).as(what + " has a retention").containsKey("retention.ms");
            }
            int replicas = resource.getSpec().getReplicas();
            assertThat(replicas).as(what + " replicas").isBetween(1, brokers);
            int minIsr = Integer.parseInt(config.containsKey("min.insync.replicas")
                    ? config.get("min.insync.replicas") : String.valueOf(clusterConfig.get("min.insync.replicas")));
            if (replicas > 1) {
                assertThat(minIsr).as(what + ": acks=all writes survive one broker down").isBetween(2, replicas - 1);
            } else {
                assertThat(minIsr).as(what + " min.insync.replicas").isEqualTo(1);
            }
        }
        for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor", "transaction.state.log.replication.factor")) {
            assertThat(Integer.parseInt(String.valueOf(clusterConfig.get(key)))).as(overlay + " " + key).isBetween(1, brokers);
        }
        assertThat(String.valueOf(clusterConfig.get("auto.create.topics.enable"))).isEqualTo("false");
        assertThat(nodes(rendered, ProcessRoles.CONTROLLER)).as(overlay + " KRaft controllers: an odd quorum").isOdd();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void storylineSnapshotsAreKeptLikeStorySnapshots(String overlay) {
        // a dashboard reads both compacted snapshot topics side by side: same partitions, same compaction
        Map<String, KafkaTopic> topics = topicsByName(RenderedOverlay.of(overlay));
        KafkaTopic stories = topics.get(Topic.STORIES.topicName());
        KafkaTopic storylines = topics.get(Topic.STORYLINES.topicName());
        assertThat(storylines.getSpec().getPartitions()).as(overlay + " partitions").isEqualTo(stories.getSpec().getPartitions());
        assertThat(storylines.getSpec().getReplicas()).as(overlay + " replicas").isEqualTo(stories.getSpec().getReplicas());
        assertThat(storylines.getSpec().getConfig()).as(overlay + " config").isEqualTo(stories.getSpec().getConfig());
    }

    @ParameterizedTest
    @MethodSource("overlaysAndServices")
    void eachServicesAclsGrantExactlyWhatItReadsAndWrites(String overlay, String service) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        ServiceConfiguration config = ServiceConfiguration.load(service);
        KafkaUser user = rendered.get(KafkaUser.class, userOf(config));
        assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserTlsClientAuthentication.class);
        assertGrantsExactly(user, KafkaGrant.required(config));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theOnlyOtherKafkaUserIsKedaReadingNlpLag(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Set<String> expected = new TreeSet<>();
        ServiceConfiguration.SERVICES.forEach(s -> expected.add(userOf(ServiceConfiguration.load(s))));
        expected.add(KEDA_USER);
        assertThat(rendered.all(KafkaUser.class)).extracting(u -> u.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(expected);

        Map<String, String> trigger = kafkaTrigger(rendered).metadata();
        assertGrantsExactly(rendered.get(KafkaUser.class, KEDA_USER),
                Set.of(KafkaGrant.topic(trigger.get("topic"), "Describe"), KafkaGrant.group(trigger.get("consumerGroup"), "Describe")));
    }

    @ParameterizedTest
    @MethodSource("overlaysAndServices")
    void deploymentServesTheServicesPortAndProbesItsHealthEndpoints(String overlay, String service) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        ServiceConfiguration config = ServiceConfiguration.load(service);
        Deployment deployment = rendered.get(Deployment.class, service);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        String what = overlay + " " + service;

        int httpPort = env(container, "QUARKUS_HTTP_PORT").map(Integer::parseInt)
                .orElse(Integer.parseInt(config.properties().getOrDefault("quarkus.http.port", "8080")));
        assertThat(container.getPorts()).as(what + " container ports").extracting(ContainerPort::getContainerPort).contains(httpPort);
        int healthPort = Boolean.parseBoolean(config.properties().getOrDefault("quarkus.management.enabled", "false"))
                ? config.healthPort() : httpPort;

        assertProbe(what + " readiness", container, container.getReadinessProbe(), config.readinessPath(), healthPort);
        assertProbe(what + " liveness", container, container.getLivenessProbe(), config.livenessPath(), healthPort);
        if (container.getStartupProbe() != null) {
            assertProbe(what + " startup", container, container.getStartupProbe(), config.startupPath(), healthPort);
        }

        Service svc = rendered.get(Service.class, service);
        assertThat(svc.getSpec().getSelector()).as(what + " Service selector").isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(svc.getSpec().getPorts()).as(what + " Service ports")
                .anySatisfy(p -> assertThat(portNumber(container, p.getTargetPort())).isEqualTo(httpPort));

        assertThat(container.getImage()).as(what + " image").isEqualTo("storyline/" + service + ":" + System.getProperty("storyline.version"));

        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        for (String resource : List.of("cpu", "memory")) {
            assertThat(requests).as(what + " requests").containsKey(resource);
            assertThat(limits).as(what + " limits").containsKey(resource);
            assertThat(requests.get(resource).getNumericalAmount()).as(what + " " + resource + " request <= limit")
                    .isLessThanOrEqualTo(limits.get(resource).getNumericalAmount());
        }
        assertThat(requests.get("memory")).as(what + " memory request = limit (no overcommit of the JVM heap)").isEqualTo(limits.get("memory"));
    }

    @ParameterizedTest
    @MethodSource("overlaysAndServices")
    void deploymentConnectsOverTheTlsListenerAsItsOwnKafkaUser(String overlay, String service) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        ServiceConfiguration config = ServiceConfiguration.load(service);
        Kafka kafka = kafka(rendered);
        GenericKafkaListener listener = tlsListener(kafka);
        Container container = rendered.get(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
        String cluster = kafka.getMetadata().getName();

        assertThat(env(container, "KAFKA_BOOTSTRAP_SERVERS")).contains(cluster + "-kafka-bootstrap:" + listener.getPort());
        assertThat(env(container, "KAFKA_SECURITY_PROTOCOL")).contains("SSL");
        assertThat(env(container, "KAFKA_SSL_TRUSTSTORE_TYPE")).contains("PEM");
        assertThat(env(container, "KAFKA_SSL_KEYSTORE_TYPE")).contains("PEM");
        assertThat(secretRef(container, "KAFKA_SSL_TRUSTSTORE_CERTIFICATES")).isEqualTo(cluster + "-cluster-ca-cert/ca.crt");
        assertThat(secretRef(container, "KAFKA_SSL_KEYSTORE_CERTIFICATE_CHAIN")).isEqualTo(userOf(config) + "/user.crt");
        assertThat(secretRef(container, "KAFKA_SSL_KEYSTORE_KEY")).isEqualTo(userOf(config) + "/user.key");
    }

    @ParameterizedTest
    @MethodSource("overlaysAndServices")
    void podDisruptionBudgetAndNetworkPolicyCoverTheServicesPods(String overlay, String service) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Deployment deployment = rendered.get(Deployment.class, service);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        String what = overlay + " " + service;

        PodDisruptionBudget pdb = rendered.get(PodDisruptionBudget.class, service);
        assertThat(podLabels).as(what + " PDB selector").containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMaxUnavailable()).as(what + " PDB lets a drain proceed one pod at a time").isEqualTo(new IntOrString(1));

        NetworkPolicy policy = rendered.get(NetworkPolicy.class, service);
        assertThat(podLabels).as(what + " NetworkPolicy selector").containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        int httpPort = container.getReadinessProbe().getHttpGet().getPort().getIntVal() != null
                ? container.getReadinessProbe().getHttpGet().getPort().getIntVal()
                : portNumber(container, container.getReadinessProbe().getHttpGet().getPort());
        List<Integer> ingressPorts = policy.getSpec().getIngress().stream().flatMap(r -> r.getPorts().stream())
                .map(p -> portNumber(container, p.getPort())).toList();
        assertThat(ingressPorts).as(what + " ingress ports").containsOnly(httpPort);

        Kafka kafka = kafka(rendered);
        int kafkaPort = tlsListener(kafka).getPort();
        assertThat(policy.getSpec().getEgress()).as(what + " egress to the brokers").anySatisfy(rule -> {
            assertThat(rule.getPorts()).extracting(NetworkPolicyPort::getPort).containsExactly(new IntOrString(kafkaPort));
            assertThat(rule.getTo()).extracting(NetworkPolicyPeer::getPodSelector).allSatisfy(selector -> assertThat(selector.getMatchLabels())
                    .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName()).containsEntry("strimzi.io/broker-role", "true"));
        });
        // The listener's own NetworkPolicy (generated by Strimzi from networkPolicyPeers) must let these pods in.
        assertThat(tlsListener(kafka).getNetworkPolicyPeers()).as(what + " admitted by the Kafka listener")
                .filteredOn(peer -> peer.getNamespaceSelector() == null && peer.getPodSelector() != null)
                .anySatisfy(peer -> assertThat(podLabels).containsAllEntriesOf(peer.getPodSelector().getMatchLabels()));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void nlpServiceScalesOnItsOwnConsumerLagUpToThePartitions(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        ServiceConfiguration nlp = ServiceConfiguration.load("nlp-service");
        ScaledObject scaled = rendered.get(ScaledObject.class, "nlp-service");
        ScaledObject.Spec spec = scaled.getSpec();

        assertThat(spec.scaleTargetRef().kind()).isEqualTo("Deployment");
        Deployment target = rendered.get(Deployment.class, spec.scaleTargetRef().name());
        assertThat(target.getMetadata().getName()).isEqualTo("nlp-service");
        assertThat(target.getSpec().getReplicas()).as("replicas belong to KEDA, not to the manifest").isNull();
        assertThat(spec.triggers()).hasSize(1);

        ScaledObject.Trigger trigger = kafkaTrigger(rendered);
        Map<String, String> metadata = trigger.metadata();
        assertThat(KafkaScaler.problems(metadata)).isEmpty();
        String topic = metadata.get("topic");
        assertThat(topic).isEqualTo(Topic.ARTICLES_RAW.topicName());
        assertThat(nlp.reads()).contains(topic);
        assertThat(nlp.groups()).contains(metadata.get("consumerGroup"));
        assertThat(metadata.get("offsetResetPolicy")).as("KEDA must count lag the way the consumer starts")
                .isEqualTo(nlp.offsetResetByTopic().get(topic));

        int partitions = topicsByName(rendered).get(topic).getSpec().getPartitions();
        assertThat(spec.minReplicaCount()).isGreaterThanOrEqualTo(1);
        assertThat(spec.maxReplicaCount()).as(overlay + ": nlp replicas beyond the partitions of " + topic + " would sit idle")
                .isBetween(spec.minReplicaCount(), partitions);
        assertThat(metadata.get("allowIdleConsumers")).isNotEqualTo("true");

        Kafka kafka = kafka(rendered);
        String namespace = rendered.all(Namespace.class).get(0).getMetadata().getName();
        assertThat(metadata.get("bootstrapServers")).as("KEDA runs in its own namespace: a fully qualified bootstrap address")
                .isEqualTo(kafka.getMetadata().getName() + "-kafka-bootstrap." + namespace + ".svc:" + tlsListener(kafka).getPort());
        assertThat(metadata.get("tls")).isEqualTo("enable");

        TriggerAuthentication auth = rendered.get(TriggerAuthentication.class, trigger.authenticationRef().name());
        Map<String, String> sources = auth.getSpec().secretTargetRef().stream()
                .collect(Collectors.toMap(TriggerAuthentication.SecretTargetRef::parameter, r -> r.name() + "/" + r.key()));
        assertThat(KafkaScaler.AUTHENTICATION).containsAll(sources.keySet());
        assertThat(sources).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ca", kafka.getMetadata().getName() + "-cluster-ca-cert/ca.crt",
                "cert", KEDA_USER + "/user.crt",
                "key", KEDA_USER + "/user.key"));
    }

    @ParameterizedTest
    @MethodSource("overlaysAndServices")
    void fixedReplicasNeverExceedThePartitionsTheyConsume(String overlay, String service) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        ServiceConfiguration config = ServiceConfiguration.load(service);
        Deployment deployment = rendered.get(Deployment.class, service);
        boolean autoscaled = rendered.all(HorizontalPodAutoscaler.class).stream().anyMatch(h -> h.getSpec().getScaleTargetRef().getName().equals(service))
                || rendered.all(ScaledObject.class).stream().anyMatch(s -> s.getSpec().scaleTargetRef().name().equals(service));
        if (autoscaled) {
            assertThat(deployment.getSpec().getReplicas()).as(overlay + " " + service + ": replicas belong to the autoscaler").isNull();
            return;
        }
        assertThat(deployment.getSpec().getReplicas()).as(overlay + " " + service + " replicas").isNotNull();
        Map<String, KafkaTopic> topics = topicsByName(rendered);
        for (String topic : config.reads()) {
            assertThat(deployment.getSpec().getReplicas()).as(overlay + " " + service + ": one consumer per partition of " + topic)
                    .isLessThanOrEqualTo(topics.get(topic).getSpec().getPartitions());
        }
    }

    static List<String> services() {
        return ServiceConfiguration.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void kafkaClientsBuiltInCodeStartFromTheSharedKafkaConfiguration(String service) {
        assertThat(ServiceConfiguration.clientsWithoutSharedConfiguration(service))
                .as(service + ": these build a Kafka client from their own properties, so in Kubernetes they get none of the"
                        + " TLS settings (KAFKA_SECURITY_PROTOCOL, KAFKA_SSL_*) and cannot connect; start from the"
                        + " @Identifier(\"default-kafka-broker\") Map<String, Object> Quarkus builds from kafka.* and KAFKA_*")
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void ingestGetsTheApiKeysItsProdProfileRequiresFromASecret(String overlay) {
        ServiceConfiguration ingest = ServiceConfiguration.load("ingest-service");
        boolean required = Boolean.parseBoolean(ingest.properties().getOrDefault("storyline.ingest.auth.enabled", "false"))
                && ingest.properties().getOrDefault("storyline.ingest.auth.api-keys", "").isBlank();
        Container container = RenderedOverlay.of(overlay).get(Deployment.class, "ingest-service").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        if (required) {
            assertThat(secretRef(container, "STORYLINE_INGEST_AUTH_API_KEYS")).isEqualTo("ingest-api-keys/api-keys");
        } else {
            assertThat(container.getEnv()).extracting(EnvVar::getName).doesNotContain("STORYLINE_INGEST_AUTH_API_KEYS");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void aMissingOrAnExtraAclIsReported(String overlay) {
        KafkaUser user = RenderedOverlay.of(overlay).get(KafkaUser.class, "nlp-service");
        Set<KafkaGrant> required = KafkaGrant.required(ServiceConfiguration.load("nlp-service"));
        assertThat(KafkaGrant.compare(user, required)).isEqualTo(new KafkaGrant.Difference(List.of(), List.of()));

        Set<KafkaGrant> needsMore = new TreeSet<>(required);
        needsMore.add(KafkaGrant.topic("news.stories", "Read"));
        assertThat(KafkaGrant.compare(user, needsMore).missing()).containsExactly(KafkaGrant.topic("news.stories", "Read"));

        Set<KafkaGrant> needsLess = new TreeSet<>(required);
        needsLess.remove(KafkaGrant.topic("news.deadletter", "Write"));
        assertThat(KafkaGrant.compare(user, needsLess).surplus()).containsExactly(KafkaGrant.topic("news.deadletter", "Write"));
    }

    // --- helpers

    private static void assertGrantsExactly(KafkaUser user, Set<KafkaGrant> required) {
        KafkaGrant.Difference difference = KafkaGrant.compare(user, required);
        String name = user.getMetadata().getName();
        assertThat(difference.missing()).as("KafkaUser " + name + " lacks (the service's configuration needs them)").isEmpty();
        assertThat(difference.surplus()).as("KafkaUser " + name + " grants more than its service's configuration uses").isEmpty();
    }

    private static void assertProbe(String what, Container container, Probe probe, String path, int port) {
        assertThat(probe).as(what).isNotNull();
        assertThat(probe.getHttpGet()).as(what + " is an HTTP probe").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what + " path").isEqualTo(path);
        assertThat(portNumber(container, probe.getHttpGet().getPort())).as(what + " port").isEqualTo(port);
    }

    /** A port given by number or by the name of a container port. */
    private static int portNumber(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }

    private static java.util.Optional<String> env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).filter(Objects::nonNull).findFirst();
    }

    private static String secretRef(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name) && e.getValueFrom() != null
                        && e.getValueFrom().getSecretKeyRef() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey())
                .findFirst().orElseThrow(() -> new AssertionError(name + " is not taken from a Secret"));
    }

    /** The KafkaUser of a service is named after its quarkus.application.name. */
    private static String userOf(ServiceConfiguration config) {
        return config.properties().getOrDefault("quarkus.application.name", config.name());
    }

    private static Kafka kafka(RenderedOverlay rendered) {
        List<Kafka> clusters = rendered.all(Kafka.class);
        assertThat(clusters).hasSize(1);
        return clusters.get(0);
    }

    private static GenericKafkaListener tlsListener(Kafka kafka) {
        List<GenericKafkaListener> listeners = new ArrayList<>(kafka.getSpec().getKafka().getListeners());
        assertThat(listeners).as("one listener, TLS with client certificates").hasSize(1);
        GenericKafkaListener listener = listeners.get(0);
        assertThat(listener.isTls()).isTrue();
        assertThat(listener.getAuth()).isInstanceOf(KafkaListenerAuthenticationTls.class);
        return listener;
    }

    private static int nodes(RenderedOverlay rendered, ProcessRoles role) {
        String cluster = kafka(rendered).getMetadata().getName();
        return rendered.all(KafkaNodePool.class).stream()
                .filter(p -> cluster.equals(p.getMetadata().getLabels().get("strimzi.io/cluster")) && p.getSpec().getRoles().contains(role))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
    }

    static Map<String, KafkaTopic> topicsByName(RenderedOverlay rendered) {
        return rendered.all(KafkaTopic.class).stream().collect(Collectors.toMap(
                t -> t.getSpec().getTopicName() != null ? t.getSpec().getTopicName() : t.getMetadata().getName(), t -> t));
    }

    private static ScaledObject.Trigger kafkaTrigger(RenderedOverlay rendered) {
        return rendered.get(ScaledObject.class, "nlp-service").getSpec().triggers().stream().filter(t -> t.type().equals("kafka"))
                .findFirst().orElseThrow(() -> new AssertionError("nlp-service's ScaledObject has no kafka trigger"));
    }
}
