package io.storyline.ingest.article;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON form of an article ({@code POST /articles}, NDJSON lines, news.scraped records) into an
 * {@link ArticleSubmission}. Every problem becomes a {@link RejectedInputException} naming the field.
 *
 * <p>Fields: url, title, body (text or HTML, detected) or text (plain) or html, source (alias outlet), language,
 * published (alias publishedAt, RFC 3339 / RFC 1123 / feed formats / epoch number), author, section, feedId.
 * Unknown fields are ignored so scrapers can send more than we read.
 */
public final class ArticleJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(20_000_000).build());
    }

    private static final Map<String, String> ALIASES = Map.of("outlet", "source", "publishedAt", "published",
            "published_at", "published", "feed_id", "feedId", "lang", "language");
    private static final Set<String> BODY_FIELDS = Set.of("body", "text", "html");

    private ArticleJson() {
    }

    public static ArticleSubmission read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new RejectedInputException(RejectionReason.MALFORMED_JSON, null, describe(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new RejectedInputException(RejectionReason.MALFORMED_JSON, null, "empty document, expected a JSON object");
        }
        if (!(root instanceof ObjectNode object)) {
            throw new RejectedInputException(RejectionReason.MALFORMED_JSON, null, "expected a JSON object, got " + root.getNodeType().name().toLowerCase());
        }
        String url = null, title = null, source = null, language = null, published = null, author = null, section = null, feedId = null;
        String body = null;
        ArticleSubmission.BodyFormat format = ArticleSubmission.BodyFormat.DETECT;
        String bodyField = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = ALIASES.getOrDefault(e.getKey(), e.getKey());
            JsonNode value = e.getValue();
            if (BODY_FIELDS.contains(name)) {
                if (value.isNull()) {
                    continue;
                }
                if (bodyField != null) {
                    throw new RejectedInputException(RejectionReason.INVALID_FIELD, name,
                            "give the body once, as one of body, text or html (also got " + bodyField + ")");
                }
                bodyField = name;
                body = string(value, name);
                format = switch (name) {
                    case "text" -> ArticleSubmission.BodyFormat.TEXT;
                    case "html" -> ArticleSubmission.BodyFormat.HTML;
                    default -> ArticleSubmission.BodyFormat.DETECT;
                };
                continue;
            }
            switch (name) {
                case "url" -> url = string(value, name);
                case "title" -> title = string(value, name);
                case "source" -> source = string(value, name);
                case "language" -> language = string(value, name);
                case "published" -> published = value.isIntegralNumber() ? value.asText() : string(value, name);
                case "author" -> author = string(value, name);
                case "section" -> section = string(value, name);
                case "feedId" -> feedId = string(value, name);
                default -> {
                    // unknown fields are ignored on purpose
                }
            }
        }
        if (bodyField == null) {
            throw new RejectedInputException(RejectionReason.MISSING_FIELD, "body", "required (as body, text or html)");
        }
        return new ArticleSubmission(url, title, body, format, source, language, published, author, section, feedId);
    }

    private static String string(JsonNode value, String field) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new RejectedInputException(RejectionReason.INVALID_FIELD, field,
                    "must be a string, got " + value.getNodeType().name().toLowerCase());
        }
        return value.textValue();
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = "not valid JSON";
        }
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline);
        }
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        var location = e.getLocation();
        return location == null ? message : message + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
