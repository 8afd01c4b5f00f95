package io.storyline.ingest.batch;

import java.util.Comparator;
import java.util.List;

/** Per-line outcomes of a batch (or feed), in input order, with totals. */
public record BatchReport(int lines, int accepted, int duplicate, int revision, int rejected, int failed, List<LineResult> results) {

    public static BatchReport of(List<LineResult> unordered) {
        List<LineResult> results = unordered.stream().sorted(Comparator.comparingInt(LineResult::line)).toList();
        int accepted = 0, duplicate = 0, revision = 0, rejected = 0, failed = 0;
        for (LineResult r : results) {
            switch (r.status()) {
                case "accepted" -> accepted++;
                case "duplicate" -> duplicate++;
                case "revision" -> revision++;
                case "rejected" -> rejected++;
                default -> failed++;
            }
        }
        return new BatchReport(results.size(), accepted, duplicate, revision, rejected, failed, results);
    }
}
