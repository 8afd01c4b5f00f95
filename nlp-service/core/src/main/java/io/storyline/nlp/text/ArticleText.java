package io.storyline.nlp.text;

import io.storyline.events.Article;

/**
 * The document every offset refers to: headline, a blank line, body (as the contract defines it).
 *
 * @param document  title + "\n\n" + text
 * @param titleEnd  end (exclusive) of the headline in {@code document}
 * @param bodyStart start of the body in {@code document}
 */
public record ArticleText(String document, int titleEnd, int bodyStart) {

    public static ArticleText of(Article article) {
        return of(article.title(), article.text());
    }

    public static ArticleText of(String title, String text) {
        String t = title == null ? "" : title;
        String b = text == null ? "" : text;
        String document = t + "\n\n" + b;
        return new ArticleText(document, t.length(), t.length() + 2);
    }

    public String title() {
        return document.substring(0, titleEnd);
    }

    public String body() {
        return document.substring(bodyStart);
    }
}
