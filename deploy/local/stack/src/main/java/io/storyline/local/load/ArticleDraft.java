package io.storyline.local.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storyline.events.EventJson;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One synthetic article as a scraper would push it, with the ground truth the newsroom knows about it.
 *
 * @param url        https://outlet-domain/section/slug, unique in a stream
 * @param title      headline
 * @param paragraphs body paragraphs, in order
 * @param source     outlet name
 * @param published  publication time
 * @param eventKey   the news event the article reports on (same key = same event)
 * @param storylineKey the developing story that event belongs to: the key of the storyline's first event (events
 *                   following up an earlier one share its storyline; an event that follows nothing starts its own)
 * @param copyOf     for a near-duplicate wire copy, the url of the wire original; null for an original write-up
 */
public record ArticleDraft(String url, String title, List<String> paragraphs, String source, Instant published,
                           String eventKey, String storylineKey, String copyOf) {

    public ArticleDraft {
        paragraphs = List.copyOf(paragraphs);
    }

    public String body() {
        return String.join("\n\n", paragraphs);
    }

    public boolean isCopy() {
        return copyOf != null;
    }

    public int wordCount() {
        int words = 0;
        for (String paragraph : paragraphs) {
            words += Wording.words(paragraph);
        }
        return words;
    }

    /** The body of ingest's POST /articles. */
    public String toJson() {
        ObjectNode json = EventJson.mapper().createObjectNode();
        json.put("url", url);
        json.put("title", title);
        json.put("body", body());
        json.put("source", source);
        json.put("language", "en");
        json.put("published", DateTimeFormatter.ISO_INSTANT.format(published));
        return json.toString();
    }
}
