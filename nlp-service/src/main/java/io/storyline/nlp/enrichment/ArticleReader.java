package io.storyline.nlp.enrichment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.storyline.events.Article;
import io.storyline.events.EnrichedArticle;

import java.io.IOException;

/** nlp's side of the wire: an Article read from a record's bytes and checked it can be analysed; an EnrichedArticle written. */
final class ArticleReader {
    private final ObjectMapper mapper;

    ArticleReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The article, or an exception saying why these bytes are not one nlp can analyse. */
    Article read(byte[] payload) throws IOException {
        if (payload == null || payload.length == 0) {
            throw new IllegalArgumentException("empty record value");
        }
        Article article = mapper.readValue(payload, Article.class);
        if (article == null || article.id() == null || article.id().isBlank()) {
            throw new IllegalArgumentException("article has no id");
        }
        if ((article.title() == null || article.title().isBlank()) && (article.text() == null || article.text().isBlank())) {
            throw new IllegalArgumentException("article " + article.id() + " has neither title nor text");
        }
        return article;
    }

    byte[] json(EnrichedArticle article) {
        try {
            return mapper.writeValueAsBytes(article);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise enriched article " + article.article().id(), e);
        }
    }
}
