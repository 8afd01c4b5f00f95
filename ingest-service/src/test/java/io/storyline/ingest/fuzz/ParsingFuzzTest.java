package io.storyline.ingest.fuzz;

import io.storyline.events.Article;
import io.storyline.events.IngestChannel;
import io.storyline.ingest.article.ArticleJson;
import io.storyline.ingest.article.ArticleLimits;
import io.storyline.ingest.article.ArticleNormaliser;
import io.storyline.ingest.article.ArticleSubmission;
import io.storyline.ingest.article.Rejection;
import io.storyline.ingest.article.RejectedInputException;
import io.storyline.ingest.article.StrictText;
import io.storyline.ingest.batch.NdjsonLines;
import io.storyline.ingest.feed.FeedArticles;
import io.storyline.ingest.text.PlainTextArticle;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated JSON, NDJSON, HTML, plain text and feed XML thrown at the parsing and normalisation code:
 * every input ends as an article or as a rejection with a reason and detail, never as another exception.
 */
class ParsingFuzzTest {

    private static final Instant NOW = Instant.parse("2021-04-14T08:00:00Z");
    private static final ArticleNormaliser NORMALISER = new ArticleNormaliser(ArticleLimits.defaults());

    private static final List<String> JSON_SEEDS = List.of(
            "{\"url\":\"https://www.example.com/world/a?utm_source=x#y\",\"title\":\"Biden calls Putin\",\"body\":\"<p>The presidents spoke.</p><p>Leave a comment</p>\",\"source\":\"Example\",\"language\":\"en\",\"published\":\"2021-04-13T18:30:00Z\"}",
            "{\"title\":\"T\",\"text\":\"plain\\nlines\",\"source\":\"S\",\"published\":1618338600,\"author\":null}",
            "{\"url\":\"http://e.com\",\"title\":\"<b>x</b>\",\"html\":\"<script>x</script><div>y</div>\",\"publishedAt\":\"Tue, 13 Apr 2021 18:30:00 GMT\",\"lang\":\"de-AT\"}");
    private static final List<String> HTML_SEEDS = List.of(
            "<html><head><style>a{}</style></head><body><nav>Home</nav><article><h1>T</h1><p>One <b>two</b></p><!-- c --><p>Please enter your name here</p></article></body></html>",
            "<p>unclosed <div><span>nested<table><tr><td>cell</td></tr></table>&amp;&#x41;&bogus;</p>",
            "<svg><script>alert(1)</script></svg><br><br/>text");
    private static final List<String> FEED_SEEDS = List.of(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>E</title><link>https://example.com/</link><item><title>A</title><link>https://example.com/a</link><description>&lt;p&gt;x&lt;/p&gt;</description><pubDate>Tue, 13 Apr 2021 18:30:00 GMT</pubDate></item></channel></rss>",
            "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title><id>urn:x</id><updated>2021-04-13T18:30:00Z</updated><entry><title>E</title><id>urn:e</id><link href=\"https://a.org/1\"/><updated>2021-04-13T18:30:00Z</updated><content type=\"html\">&lt;p&gt;y&lt;/p&gt;</content></entry></feed>",
            "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel rdf:about=\"https://e.com/\"><title>R</title><link>https://e.com/</link></channel><item rdf:about=\"https://e.com/1\"><title>I</title><link>https://e.com/1</link><description>d</description></item></rdf:RDF>");
    private static final List<String> TEXT_SEEDS = List.of(
            "Home World News Leaders talk | Site\n\nLeaders talk | Site\n\nBody paragraph.\n",
            " date 2003-01-17 Headline here\n\nBody.\n\nLeave a comment\n",
            "A first paragraph that is long and ends with a period. And more.\nSecond.");

    @Property(tries = 400)
    void jsonIsAcceptedOrRejectedWithAReason(@ForAll("json") byte[] input) {
        assertOutcome(() -> {
            String json = StrictText.decode(input, "body");
            return NORMALISER.normalise(ArticleJson.read(json), IngestChannel.HTTP, NOW).article();
        });
    }

    @Property(tries = 150)
    void ndjsonLinesAreEachAcceptedOrRejected(@ForAll("ndjson") byte[] input) throws IOException {
        List<Object> outcomes = new ArrayList<>();
        try {
            new NdjsonLines(4096, 1_000_000, 10_000).read(new ByteArrayInputStream(input), new NdjsonLines.Handler() {
                @Override
                public void line(int number, byte[] bytes, int length) {
                    outcomes.add(outcome(() -> NORMALISER.normalise(ArticleJson.read(StrictText.decode(bytes, 0, length, "line")),
                            IngestChannel.BATCH, NOW).article()));
                }

                @Override
                public void oversized(int number, long length) {
                    outcomes.add("oversized");
                }
            });
        } catch (RejectedInputException e) {
            assertRejection(e.rejection());
        }
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isNotNull());
    }

    @Property(tries = 300)
    void htmlBodiesBecomeCleanTextOrEmptyTextRejections(@ForAll("html") String html) {
        assertOutcome(() -> NORMALISER.normalise(new ArticleSubmission("https://e.com/a", "Title", html,
                ArticleSubmission.BodyFormat.HTML, null, null, null, null, null, null), IngestChannel.HTTP, NOW).article());
    }

    @Property(tries = 300)
    void feedXmlItemsAreAcceptedOrRejected(@ForAll("feed") byte[] xml) {
        try {
            for (FeedArticles.Item item : FeedArticles.read(xml, null, null)) {
                if (item.rejection() != null) {
                    assertRejection(item.rejection());
                } else {
                    assertOutcome(() -> NORMALISER.normalise(item.submission(), IngestChannel.FEED, NOW).article());
                }
            }
        } catch (RejectedInputException e) {
            assertRejection(e.rejection());
            Statistics.collect("rejected document");
        }
    }

    @Property(tries = 300)
    void textFilesAreAcceptedOrRejected(@ForAll("text") byte[] input) {
        assertOutcome(() -> NORMALISER.normalise(PlainTextArticle.read("seeds/x.txt", StrictText.decode(input, "body"), null),
                IngestChannel.FILE, NOW).article());
    }

    // ---- generators -------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<byte[]> json() {
        return Arbitraries.oneOf(mutated(JSON_SEEDS), randomBytes(), jsonish().map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<byte[]> ndjson() {
        return Arbitraries.oneOf(json(), jsonish().map(s -> s.getBytes(StandardCharsets.UTF_8)))
                .list().ofMinSize(0).ofMaxSize(20)
                .map(lines -> {
                    var out = new java.io.ByteArrayOutputStream();
                    for (byte[] l : lines) {
                        out.writeBytes(l);
                        out.write('\n');
                    }
                    return out.toByteArray();
                });
    }

    @Provide
    Arbitrary<String> html() {
        return Arbitraries.oneOf(mutated(HTML_SEEDS).map(b -> new String(b, StandardCharsets.UTF_8)),
                Arbitraries.strings().withChars("<>/=\"'&;!-abpdivscriptyle \n").ofMaxLength(300),
                Arbitraries.strings().all().ofMaxLength(200));
    }

    @Provide
    Arbitrary<byte[]> feed() {
        return Arbitraries.oneOf(mutated(FEED_SEEDS), randomBytes());
    }

    @Provide
    Arbitrary<byte[]> text() {
        return Arbitraries.oneOf(mutated(TEXT_SEEDS), randomBytes(),
                Arbitraries.strings().all().ofMaxLength(400).map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    private static Arbitrary<String> jsonish() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("null", "true", "[]", "{}", "1e999", "\"2021-04-13T18:30:00Z\"", "\"https://e.com/x\"", "\"ftp://x\""));
        Arbitrary<String> key = Arbitraries.of("url", "title", "body", "text", "html", "source", "outlet", "language",
                "published", "author", "section", "feedId", "x");
        return Combinators.combine(key, value).as((k, v) -> "\"" + k + "\":" + v)
                .list().ofMaxSize(10).map(fields -> "{" + String.join(",", fields) + "}");
    }

    private static Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    /** A seed with random edits: byte flips, deletions, insertions of syntax characters, truncation. */
    private static Arbitrary<byte[]> mutated(List<String> seeds) {
        Arbitrary<Tuple.Tuple3<Integer, Integer, Integer>> edit = Combinators.combine(
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 255))
                .as(Tuple::of);
        return Combinators.combine(Arbitraries.of(seeds), edit.list().ofMaxSize(8)).as((seed, edits) -> {
            List<Byte> bytes = new ArrayList<>();
            for (byte b : seed.getBytes(StandardCharsets.UTF_8)) {
                bytes.add(b);
            }
            byte[] syntax = "{}[]\":,<>/&;\\\n\u0000".getBytes(StandardCharsets.UTF_8);
            for (var e : edits) {
                if (bytes.isEmpty()) {
                    break;
                }
                int at = e.get2() % bytes.size();
                switch (e.get1()) {
                    case 0 -> bytes.set(at, (byte) (int) e.get3());
                    case 1 -> bytes.remove(at);
                    case 2 -> bytes.add(at, syntax[e.get3() % syntax.length]);
                    default -> bytes.subList(at, bytes.size()).clear();
                }
            }
            byte[] out = new byte[bytes.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = bytes.get(i);
            }
            return out;
        });
    }

    // ---- assertions -------------------------------------------------------------------------------------------

    private interface Attempt {
        Article run();
    }

    private static Object outcome(Attempt attempt) {
        try {
            Article a = attempt.run();
            assertArticle(a);
            Statistics.collect("accepted");
            return a;
        } catch (RejectedInputException e) {
            assertRejection(e.rejection());
            Statistics.collect("rejected");
            return e.rejection();
        }
    }

    private static void assertOutcome(Attempt attempt) {
        assertThat(outcome(attempt)).isNotNull();
    }

    private static void assertArticle(Article a) {
        assertThat(a.id()).hasSize(32);
        assertThat(a.title()).isNotBlank();
        assertThat(a.text()).isNotBlank().doesNotContain("\u0000");
        assertThat(a.contentHash()).hasSize(64);
        assertThat(a.published()).isNotNull();
        assertThat(a.source()).isNotBlank();
    }

    private static void assertRejection(Rejection r) {
        assertThat(r.reason()).isNotNull();
        assertThat(r.detail()).isNotBlank();
        assertThat(r.reason().httpStatus()).isBetween(400, 499);
    }
}
