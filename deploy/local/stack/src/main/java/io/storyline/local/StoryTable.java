package io.storyline.local;

import io.storyline.events.Story;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/** Prints story snapshots as rows of a table, one row each time a story changes. */
final class StoryTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final String FORMAT = "%-14s %4s %4s %4s  %-16s  %s%n";

    private final PrintStream out;
    private boolean headerPrinted;

    StoryTable(PrintStream out) {
        this.out = out;
    }

    synchronized void print(Story story) {
        if (!headerPrinted) {
            out.printf(FORMAT, "STORY", "ARTS", "SRCS", "DUPS", "FIRST SEEN (UTC)", "HEADLINE / MEMBERS");
            headerPrinted = true;
        }
        out.printf(FORMAT, shorten(story.id(), 14), story.articleCount(), story.sourceCount(), story.duplicateCount(),
                story.firstSeen() == null ? "-" : TIME.format(story.firstSeen()), shorten(story.headline(), 90));
        String members = story.members().stream().map(m -> m.url() == null ? m.articleId() : m.url()).collect(Collectors.joining(", "));
        String entities = story.entities().stream().limit(6).map(Story.StoryEntity::name).collect(Collectors.joining(", "));
        out.printf(FORMAT, "", "", "", "", "", "members:  " + members);
        if (!entities.isEmpty()) {
            out.printf(FORMAT, "", "", "", "", "", "entities: " + entities);
        }
        out.flush();
    }

    private static String shorten(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
