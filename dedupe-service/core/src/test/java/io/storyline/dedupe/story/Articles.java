package io.storyline.dedupe.story;

import io.storyline.events.Article;
import io.storyline.events.Dateline;
import io.storyline.events.DetectedLanguage;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.EntityType;
import io.storyline.events.IngestChannel;
import io.storyline.events.NamedEntity;
import io.storyline.events.NerReport;
import io.storyline.events.TimeSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Builds enriched articles for tests the way nlp-service would shape them (terms: case-folded, stop words out). */
final class Articles {
    private static final Set<String> STOP = Set.of("the", "a", "an", "of", "in", "on", "and", "to", "for", "with", "by",
            "at", "is", "was", "were", "be", "has", "had", "have", "that", "this", "it", "its", "as", "from", "their",
            "his", "her", "he", "she", "they", "who", "after", "said", "says", "will", "would", "but", "not", "are");

    static final Instant T0 = Instant.parse("2021-04-13T10:00:00Z");

    private String id;
    private int revision = 1;
    private String title = "";
    private String text = "";
    private String source = "example.org";
    private Instant published = T0;
    private TimeSource timeSource = TimeSource.FEED;
    private Instant received = T0;
    private LocalDate datelineDate;
    private final List<NamedEntity> entities = new ArrayList<>();
    private String language = "en";

    static Articles article(String id) {
        Articles a = new Articles();
        a.id = id;
        return a;
    }

    Articles title(String title) {
        this.title = title;
        return this;
    }

    Articles text(String text) {
        this.text = text;
        return this;
    }

    Articles source(String source) {
        this.source = source;
        return this;
    }

    Articles revision(int revision) {
        this.revision = revision;
        return this;
    }

    Articles language(String language) {
        this.language = language;
        return this;
    }

    /** A feed time; arrival a minute later. */
    Articles published(Instant at) {
        this.published = at;
        this.timeSource = TimeSource.FEED;
        this.received = at.plusSeconds(60);
        return this;
    }

    /** No usable time: event time is the receipt time. */
    Articles receivedOnly(Instant at) {
        this.published = at;
        this.timeSource = TimeSource.RECEIVED;
        this.received = at;
        return this;
    }

    Articles dateline(LocalDate date) {
        this.datelineDate = date;
        return this;
    }

    Articles entity(String canonical, EntityType type, int mentions) {
        entities.add(new NamedEntity(canonical, type, List.of(canonical), mentions, 0, canonical.length(),
                title.contains(canonical)));
        return this;
    }

    EnrichedArticle build() {
        Map<String, Integer> terms = new TreeMap<>();
        for (String token : (title + "\n\n" + text).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (token.length() > 1 && !STOP.contains(token)) {
                terms.merge(token, 1, Integer::sum);
            }
        }
        Article article = new Article(id, revision, "https://" + source + "/" + id, title, text, source, language,
                null, null, null, published, timeSource, received, "hash-" + id + "-" + revision, IngestChannel.HTTP);
        Dateline dateline = datelineDate == null ? null : new Dateline("Moscow", datelineDate, "Moscow, " + datelineDate);
        return new EnrichedArticle(article, new DetectedLanguage(language, 0.99, language, true), List.copyOf(entities),
                terms, dateline, new NerReport(NerReport.OK, "test", null, 0), received, null);
    }
}
