package io.storyline.local.load;

import java.util.ArrayList;
import java.util.List;

/** The few figures the benchmark reads from a service's Prometheus text exposition (/q/metrics). */
public final class PrometheusText {

    private record Line(String name, String labels, double value) {
    }

    private final List<Line> lines;

    private PrometheusText(List<Line> lines) {
        this.lines = lines;
    }

    public static PrometheusText parse(String text) {
        List<Line> lines = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name;
            String labels = "";
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                labels = line.substring(brace + 1, line.lastIndexOf('}'));
            } else {
                name = line.substring(0, line.indexOf(' '));
            }
            try {
                lines.add(new Line(name, labels, Double.parseDouble(line.substring(space + 1))));
            } catch (NumberFormatException ignored) {
                // NaN/Inf spellings we do not need
            }
        }
        return new PrometheusText(lines);
    }

    /** The first sample of that name, or -1. */
    public double value(String name) {
        return lines.stream().filter(l -> l.name.equals(name)).mapToDouble(Line::value).findFirst().orElse(-1);
    }

    /** Sum of all samples of that name whose labels contain the fragment (e.g. area="heap"), or -1 if none. */
    public double sum(String name, String labelFragment) {
        double total = 0;
        boolean any = false;
        for (Line l : lines) {
            if (l.name.equals(name) && l.labels.contains(labelFragment) && l.value >= 0) {
                total += l.value;
                any = true;
            }
        }
        return any ? total : -1;
    }
}
