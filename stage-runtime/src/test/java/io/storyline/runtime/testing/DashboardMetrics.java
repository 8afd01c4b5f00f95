package io.storyline.runtime.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names the Grafana dashboard (deploy/kubernetes/base/observability) queries from one service: those in
 * expressions that select {@code service="<it>"}, and those in expressions that select no service (every service has them).
 * The dashboard is read relative to the working directory, a service module of the repository (as Maven runs its tests).
 */
public final class DashboardMetrics {

    static final Path DASHBOARD = Path.of("..", "deploy", "kubernetes", "base", "observability", "grafana-dashboard-storyline.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:storyline|kafka|jvm|process|http_server)_[a-zA-Z0-9_]+)\\b");
    private static final Pattern SERVICE = Pattern.compile("service=\"([^\"]+)\"");

    private DashboardMetrics() {
    }

    public static Set<String> of(String service) throws IOException {
        Set<String> names = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        for (JsonNode expr : dashboard.findValues("expr")) {
            Matcher selected = SERVICE.matcher(expr.asText());
            boolean forAll = !selected.find();
            if (forAll || selected.group(1).equals(service)) {
                Matcher m = METRIC.matcher(expr.asText());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }
}
