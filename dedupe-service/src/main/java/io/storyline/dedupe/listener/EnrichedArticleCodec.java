package io.storyline.dedupe.listener;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.storyline.events.EnrichedArticle;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/** Reads enriched articles the same way for live processing and for replay, so both decide alike. */
@ApplicationScoped
class EnrichedArticleCodec {

    private final ObjectMapper json;

    EnrichedArticleCodec(ObjectMapper json) {
        this.json = json;
    }

    EnrichedArticle read(byte[] value) throws IOException {
        if (value == null) {
            throw new IOException("empty record");
        }
        EnrichedArticle article = json.readValue(value, EnrichedArticle.class);
        if (article == null || article.article() == null || article.article().id() == null) {
            throw new IOException("not an enriched article: the article or its id is missing");
        }
        return article;
    }

    byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("could not serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
