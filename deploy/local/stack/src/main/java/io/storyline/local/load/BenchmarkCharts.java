package io.storyline.local.load;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Latency and consumer lag over the run, as PNG (XChart). */
final class BenchmarkCharts {

    private BenchmarkCharts() {
    }

    /** Per second of the run: p50 and p99 of the articles clustered (and storied) in that second. */
    static void latency(Path png, long start, List<PipelineTap.Timeline> timelines, String title) throws IOException {
        TreeMap<Long, List<Long>> clustered = new TreeMap<>();
        TreeMap<Long, List<Long>> storied = new TreeMap<>();
        for (PipelineTap.Timeline t : timelines) {
            if (t.received == 0) {
                continue;
            }
            if (t.clustered != 0) {
                clustered.computeIfAbsent((t.clustered - start) / 1000, k -> new ArrayList<>()).add(t.clustered - t.received);
            }
            if (t.storied != 0) {
                storied.computeIfAbsent((t.storied - start) / 1000, k -> new ArrayList<>()).add(t.storied - t.received);
            }
        }
        XYChart chart = new XYChartBuilder().width(1200).height(600).title(title)
                .xAxisTitle("seconds since the first article was sent").yAxisTitle("latency from ingest acceptance (s)").build();
        addPercentile(chart, "clustered p50", clustered, 0.50);
        addPercentile(chart, "clustered p99", clustered, 0.99);
        addPercentile(chart, "story p99", storied, 0.99);
        style(chart);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Consumer lag of each stage, and articles accepted by ingest but not yet clustered. */
    static void lag(Path png, long start, List<StackSampler.Sample> samples, String title) throws IOException {
        XYChart chart = new XYChartBuilder().width(1200).height(600).title(title)
                .xAxisTitle("seconds since the first article was sent").yAxisTitle("records").build();
        List<Double> x = new ArrayList<>();
        List<Double> nlp = new ArrayList<>();
        List<Double> dedupe = new ArrayList<>();
        List<Double> inside = new ArrayList<>();
        for (StackSampler.Sample s : samples) {
            if (s.millis() < start) {
                continue;
            }
            x.add((s.millis() - start) / 1000.0);
            nlp.add((double) s.nlpLag());
            dedupe.add((double) s.dedupeLag());
            inside.add((double) Math.max(0, s.accepted() - s.clustered()));
        }
        if (x.isEmpty()) {
            x.add(0.0);
            nlp.add(0.0);
            dedupe.add(0.0);
            inside.add(0.0);
        }
        add(chart, "nlp-service lag (news.articles.raw)", x, nlp);
        add(chart, "dedupe-service lag (news.articles.enriched)", x, dedupe);
        add(chart, "accepted, not yet clustered", x, inside);
        style(chart);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void addPercentile(XYChart chart, String name, TreeMap<Long, List<Long>> perSecond, double share) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Map.Entry<Long, List<Long>> e : perSecond.entrySet()) {
            long[] values = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            x.add((double) e.getKey());
            y.add(LatencySummary.rank(values, share) / 1000.0);
        }
        if (x.isEmpty()) {
            x.add(0.0);
            y.add(0.0);
        }
        add(chart, name, x, y);
    }

    private static void add(XYChart chart, String name, List<Double> x, List<Double> y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
    }

    private static void style(XYChart chart) {
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS); // below the plot: inside, it hid the peak of the lag curve
        chart.getStyler().setXAxisDecimalPattern("#,###");
        chart.getStyler().setPlotGridLinesVisible(true);
    }
}
