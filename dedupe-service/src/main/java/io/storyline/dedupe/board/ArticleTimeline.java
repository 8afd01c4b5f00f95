package io.storyline.dedupe.board;

import io.storyline.events.Story;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How many member articles were published in each of equal slices of a story's life: the data of a sparkline.
 *
 * @param from   publication time of the earliest member, null when no member has one
 * @param to     publication time of the latest member
 * @param counts articles per slice, oldest first; one slice when all were published at the same instant
 */
public record ArticleTimeline(Instant from, Instant to, List<Integer> counts) {

    public static final int SLICES = 16;

    public ArticleTimeline {
        counts = List.copyOf(counts);
    }

    /** Members without a publication time are left out: they have no place on the axis. */
    public static ArticleTimeline of(List<Story.StoryMember> members, int slices) {
        if (slices < 1) {
            throw new IllegalArgumentException("slices must be at least 1, not " + slices);
        }
        List<Instant> times = members == null ? List.of() : members.stream()
                .filter(Objects::nonNull).map(Story.StoryMember::published).filter(Objects::nonNull).sorted().toList();
        if (times.isEmpty()) {
            return new ArticleTimeline(null, null, List.of());
        }
        Instant from = times.get(0);
        Instant to = times.get(times.size() - 1);
        long span = Duration.between(from, to).toMillis();
        if (span == 0) {
            return new ArticleTimeline(from, to, List.of(times.size()));
        }
        int[] counts = new int[slices];
        for (Instant time : times) {
            long offset = Duration.between(from, time).toMillis();
            // the latest article closes the last slice instead of opening one past the end
            int slice = (int) Math.min(slices - 1, offset * slices / span);
            counts[slice]++;
        }
        List<Integer> list = new ArrayList<>(slices);
        for (int count : counts) {
            list.add(count);
        }
        return new ArticleTimeline(from, to, list);
    }
}
