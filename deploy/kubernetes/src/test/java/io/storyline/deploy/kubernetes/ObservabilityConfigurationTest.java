package io.storyline.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Deployments run the images Quarkus builds, are scraped on the metrics path, and (prod) export traces. */
class ObservabilityConfigurationTest {

    static List<String> services() {
        return ServiceConfiguration.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void imageIsTheOneQuarkusJibBuildsAndPodsAreScrapedOnQMetrics(String service) {
        Map<String, String> properties = ServiceConfiguration.load(service).properties();
        String version = System.getProperty("storyline.version");
        for (String overlay : RenderedOverlay.OVERLAYS) {
            Deployment deployment = RenderedOverlay.of(overlay).get(Deployment.class, service);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            // quarkus.container-image: group from application.properties, name = artifactId, tag = project version
            assertThat(container.getImage()).as(overlay).isEqualTo(properties.get("quarkus.container-image.group") + "/" + service + ":" + version);
            Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
            assertThat(annotations).containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/q/metrics");
            int httpPort = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow().getContainerPort();
            assertThat(annotations).containsEntry("prometheus.io/port", Integer.toString(httpPort));
        }
        assertThat(properties).containsEntry("quarkus.log.console.json.enabled", "true");
        assertThat(properties).containsEntry("quarkus.micrometer.binder.kafka.enabled", "true");
    }

    @ParameterizedTest
    @MethodSource("services")
    void prodExportsTracesOverOtlpAndLetsTheCollectorAndPrometheusIn(String service) {
        Map<String, String> local = ServiceConfiguration.load(service).properties();
        assertThat(local).as("nothing exported unless configured").containsEntry("otel.traces.exporter", "none");
        Container dev = RenderedOverlay.of("dev").get(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(dev.getEnv()).extracting(EnvVar::getName).doesNotContain("OTEL_TRACES_EXPORTER");

        RenderedOverlay prod = RenderedOverlay.of("prod");
        Container container = prod.get(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = container.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertThat(env).containsEntry("OTEL_TRACES_EXPORTER", "otlp");
        String endpoint = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        assertThat(endpoint).matches("http://[a-z0-9.-]+:[0-9]+");
        int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        NetworkPolicy policy = prod.get(NetworkPolicy.class, service);
        assertThat(policy.getSpec().getEgress()).as("egress to the collector").anySatisfy(rule ->
                assertThat(rule.getPorts()).anySatisfy(p -> assertThat(p.getPort().getIntVal()).isEqualTo(port)));
        assertThat(policy.getSpec().getIngress()).as("Prometheus may scrape").anySatisfy(rule ->
                assertThat(rule.getFrom()).anySatisfy(peer -> {
                    assertThat(peer.getNamespaceSelector()).isNotNull();
                    assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "monitoring");
                }));
    }
}
