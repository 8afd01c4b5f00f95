package io.storyline.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard queries only metrics the services register. Each Storyline metric in a PromQL expression is
 * traced back to the Micrometer meter name (Prometheus suffixes off, dots for underscores) that the sources of the
 * service the expression selects ({@code service="..."}; all three when it selects none) register, stage-runtime's shared
 * meters included; Kafka client metrics need the Kafka binder on. Each service's own QuarkusTest checks the same names
 * against its live /q/metrics after articles flowed (stage-runtime's DashboardMetrics, from its test-jar).
 */
class DashboardTest {

    static final Path DASHBOARD = Kustomize.moduleDir().resolve("base/observability/grafana-dashboard-storyline.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:storyline|kafka|jvm|process|http_server)_[a-zA-Z0-9_]+)\\b");
    private static final Pattern SERVICE = Pattern.compile("\\bservice\\s*=\\s*\"([^\"]+)\"");
    // Micrometer's Prometheus names: counter NAME_total, timer NAME_seconds_{bucket,count,sum,max}, summary NAME_{bucket,count,sum,max}
    private static final Pattern SUFFIX = Pattern.compile("(_seconds)?(_total|_bucket|_count|_sum|_max)?$");

    private static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(Files.readString(DASHBOARD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> queryPanels() {
        List<JsonNode> panels = new ArrayList<>();
        dashboard().path("panels").forEach(p -> {
            if (!p.path("type").asText().equals("row")) {
                panels.add(p);
            }
        });
        return panels;
    }

    @Test
    void everyPanelQueriesPrometheusThroughTheDatasourceVariable() {
        JsonNode dashboard = dashboard();
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.at("/templating/list/0/type").asText()).isEqualTo("datasource");
        assertThat(dashboard.at("/templating/list/0/query").asText()).isEqualTo("prometheus");
        String variable = "${" + dashboard.at("/templating/list/0/name").asText() + "}";
        List<JsonNode> panels = queryPanels();
        assertThat(panels).hasSizeGreaterThan(10);
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : panels) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of " + panel.path("title")).isTrue();
            assertThat(panel.at("/datasource/uid").asText()).as(panel.path("title").asText()).isEqualTo(variable);
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            panel.path("targets").forEach(t -> {
                assertThat(t.path("expr").asText()).as(panel.path("title").asText()).isNotBlank();
                assertThat(balanced(t.path("expr").asText())).as(t.path("expr").asText()).isTrue();
            });
        }
    }

    @Test
    void everyMetricNameInTheQueriesIsOneTheSelectedServicesRegister() throws IOException {
        Map<String, String> sources = new HashMap<>();
        for (String service : ServiceConfiguration.SERVICES) {
            sources.put(service, sources(service));
        }
        Set<String> checked = new TreeSet<>();
        for (JsonNode panel : queryPanels()) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                Matcher selected = SERVICE.matcher(expr);
                List<String> services = selected.find() ? List.of(selected.group(1)) : ServiceConfiguration.SERVICES;
                assertThat(ServiceConfiguration.SERVICES).as("service selected by " + expr).containsAll(services);
                Matcher metric = METRIC.matcher(expr);
                boolean any = false;
                while (metric.find()) {
                    any = true;
                    String name = metric.group(1);
                    checked.add(name);
                    for (String service : services) {
                        assertRegistered(name, service, sources.get(service));
                    }
                }
                assertThat(any).as("a known metric in " + expr).isTrue();
            }
        }
        assertThat(checked).as("the domain metrics of the issue are on the dashboard").contains(
                "storyline_records_in_total", "storyline_records_out_total", "storyline_records_failed_total",
                "storyline_stage_duration_seconds_bucket", "kafka_consumer_fetch_manager_records_lag_max",
                "storyline_nlp_ner_duration_seconds_bucket", "storyline_dedupe_duplicates_total", "storyline_dedupe_stories_open",
                "storyline_dedupe_story_articles_bucket", "storyline_dedupe_nearduplicate_index_entries",
                "storyline_dedupe_nearduplicate_index_bytes");
    }

    @Test
    void theDashboardIsDeployedAsAConfigMapForGrafanasSidecar() throws IOException {
        String json = Files.readString(DASHBOARD);
        for (String overlay : RenderedOverlay.OVERLAYS) {
            ConfigMap map = RenderedOverlay.of(overlay).get(ConfigMap.class, "storyline-grafana-dashboard");
            assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
            assertThat(map.getData()).containsEntry("storyline-pipeline.json", json);
        }
    }

    private static void assertRegistered(String name, String service, String source) {
        if (name.startsWith("kafka_consumer_")) {
            assertThat(ServiceConfiguration.load(service).properties().get("quarkus.micrometer.binder.kafka.enabled"))
                    .as(service + " exposes Kafka client metrics such as " + name).isEqualTo("true");
        } else if (name.startsWith("storyline_")) {
            String meter = SUFFIX.matcher(name).replaceFirst("").replace('_', '.');
            assertThat(source).as(service + " registers meter " + meter + " (" + name + ")").contains("\"" + meter + "\"");
        } else {
            // JVM and process metrics come with Micrometer's default binders
            assertThat(name).matches("(jvm_memory_used_bytes|process_cpu_usage)");
        }
    }

    /** The service's own sources and those of stage-runtime, which registers the storyline.records.* and stage meters of every service. */
    private static String sources(String service) throws IOException {
        StringBuilder all = new StringBuilder();
        for (String module : List.of(service, "stage-runtime")) {
            try (Stream<Path> files = Files.walk(ServiceConfiguration.repositoryRoot().resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    all.append(Files.readString(file)).append('\n');
                }
            }
        }
        return all.toString();
    }

    private static boolean balanced(String expr) {
        int depth = 0;
        for (char c : expr.toCharArray()) {
            depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}
