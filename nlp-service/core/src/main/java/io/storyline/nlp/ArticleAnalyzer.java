package io.storyline.nlp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import edu.stanford.nlp.ling.CoreLabel;
import io.storyline.events.Article;
import io.storyline.events.Dateline;
import io.storyline.events.DetectedLanguage;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.NamedEntity;
import io.storyline.events.NerReport;
import io.storyline.nlp.dateline.DatelineParser;
import io.storyline.nlp.dateline.OutletFinder;
import io.storyline.nlp.entity.AliasTable;
import io.storyline.nlp.entity.CrfEntityRecognizer;
import io.storyline.nlp.entity.EnglishEntityExtractor;
import io.storyline.nlp.language.LanguageIdentifier;
import io.storyline.nlp.terms.TermCounter;
import io.storyline.nlp.text.ArticleText;
import io.storyline.nlp.text.EnglishTokenizer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns an {@link Article} into an {@link EnrichedArticle}: language, named entities, terms, dateline and the
 * outlet the text names for itself.
 * Thread-safe; models are loaded once by {@link #create}. The output depends only on the article and the
 * settings (plus {@code enrichedAt}): the cache of analyses by content hash only saves work.
 */
public final class ArticleAnalyzer {
    /** Labelled sentences and windows cached per cached analysis: an article's lead and windows are about this many. */
    static final int NER_SEQUENCES_PER_ANALYSIS = 16;

    private final NlpSettings settings;
    private final LanguageIdentifier languages;
    private final EnglishTokenizer tokenizer = new EnglishTokenizer();
    private final EnglishEntityExtractor englishEntities;
    private final TermCounter terms;
    private final DatelineParser datelines = new DatelineParser();
    private final OutletFinder outlets;
    private final Cache<String, Analysis> cache;
    private final Clock clock;
    private final Duration modelLoadTime;
    private final Duration startupTime;
    private final String nerDetail;

    /** What depends only on headline and body, so it can be reused for every article with the same content. */
    private record Analysis(DetectedLanguage detection, List<NamedEntity> entities, Map<String, Integer> terms,
                            DatelineParser.RawDateline dateline, NerReport ner, String outlet) {
    }

    private ArticleAnalyzer(NlpSettings settings, Clock clock) {
        long start = System.nanoTime();
        this.settings = settings;
        this.clock = clock;
        CrfEntityRecognizer model = CrfEntityRecognizer.load(settings.englishNerModel());
        this.modelLoadTime = model.loadTime();
        AliasTable aliases = AliasTable.standard();
        this.outlets = new OutletFinder(datelines, aliases);
        this.englishEntities = new EnglishEntityExtractor(model, aliases, settings.nerScope(),
                settings.nerLeadTokens(), settings.cacheSize() * NER_SEQUENCES_PER_ANALYSIS);
        this.languages = new LanguageIdentifier(settings.languages(), settings.languageLowAccuracy());
        this.terms = new TermCounter(settings.languages(), settings.lemmas());
        this.cache = Caffeine.newBuilder().maximumSize(settings.cacheSize()).build();
        this.nerDetail = switch (settings.nerScope()) {
            case LEAD -> "model on headline and lead (" + settings.nerLeadTokens() + "+ tokens), later mentions by name matching";
            case HYBRID -> "model on headline and lead (" + settings.nerLeadTokens() + "+ tokens) and around unexplained"
                    + " capitalised words, other mentions by name matching";
            case FULL -> "model on full text";
        };
        this.startupTime = Duration.ofNanos(System.nanoTime() - start);
    }

    /** Loads the NER model and the language models; takes a few seconds. */
    public static ArticleAnalyzer create(NlpSettings settings) {
        return new ArticleAnalyzer(Objects.requireNonNull(settings, "settings"), Clock.systemUTC());
    }

    public static ArticleAnalyzer create(NlpSettings settings, Clock clock) {
        return new ArticleAnalyzer(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(clock));
    }

    public NlpSettings settings() {
        return settings;
    }

    /** Sentences and windows of English articles the NER model labelled, and those the cache answered. */
    public EnglishEntityExtractor.SequenceCounts nerSequences() {
        return englishEntities.sequenceCounts();
    }

    /** Time the CRF model took to load. */
    public Duration modelLoadTime() {
        return modelLoadTime;
    }

    /** Time {@link #create} took: CRF model, language models, stop-word lists. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * @throws ArticleRejectedException when the article is too large or its analysis exceeds the timeout;
     *                                  the message says which
     */
    public EnrichedArticle analyze(Article article) {
        Objects.requireNonNull(article, "article");
        ArticleText text = ArticleText.of(article);
        if (text.document().length() > settings.maxDocumentChars()) {
            throw new ArticleRejectedException("article too large: " + text.document().length()
                    + " characters of headline and body, limit " + settings.maxDocumentChars());
        }
        String declared = normaliseDeclared(article.language());
        Analysis analysis = settings.cacheSize() == 0
                ? analyse(text, declared)
                : cache.get(contentKey(text.document()) + '|' + (declared == null ? "" : declared),
                        k -> analyse(text, declared));
        Dateline dateline = null;
        if (analysis.dateline() != null) {
            Instant reference = article.published() != null ? article.published() : article.received();
            DatelineParser.RawDateline raw = analysis.dateline();
            dateline = new Dateline(raw.place(), raw.resolve(reference).orElse(null), raw.text());
        }
        return new EnrichedArticle(article, analysis.detection(), analysis.entities(), analysis.terms(), dateline,
                analysis.ner(), clock.instant(), analysis.outlet());
    }

    private Analysis analyse(ArticleText text, String declared) {
        Deadline deadline = Deadline.after(settings.articleTimeout());
        DetectedLanguage language = detectLanguage(text, declared);
        deadline.check("language detection");
        String code = language.code();
        // Any language: a site name or a wire credit ("BERLIN (dpa) -") names the outlet whatever the text's language.
        String outlet = outlets.find(text.title(), text.body()).orElse(null);
        DatelineParser.RawDateline dateline = code.equals("en")
                ? datelines.find(text.title(), text.body()).orElse(null)
                : null;
        if (code.equals("en")) {
            long start = System.nanoTime();
            List<List<CoreLabel>> sentences = tokenizer.sentences(text.document(), deadline);
            List<NamedEntity> entities = englishEntities.extract(text, sentences, deadline);
            long millis = (System.nanoTime() - start) / 1_000_000;
            Map<String, Integer> counts = terms.englishTerms(sentences, deadline);
            NerReport ner = new NerReport(NerReport.OK, englishEntities.modelName(), nerDetail, millis);
            return new Analysis(language, entities, counts, dateline, ner, outlet);
        }
        Map<String, Integer> counts = terms.terms(code, text.document(), deadline);
        return new Analysis(language, List.of(), counts, null,
                new NerReport(NerReport.NO_MODEL, null, "no NER for " + code, 0), outlet);
    }

    /**
     * Lingua decides; the declared language is only used when the detector is unsure and the declared code
     * is one of the configured languages.
     */
    private DetectedLanguage detectLanguage(ArticleText text, String declared) {
        String doc = text.document();
        String sample = doc.length() > settings.languageSampleChars()
                ? doc.substring(0, settings.languageSampleChars())
                : doc;
        LanguageIdentifier.Detection d = languages.detect(sample);
        String code = d.code();
        if ((d.confidence() < settings.minLanguageConfidence() || code.equals(LanguageIdentifier.UNDETERMINED))
                && languages.supports(declared)) {
            code = declared;
        }
        return new DetectedLanguage(code, d.confidence(), declared, declared != null && declared.equals(d.code()));
    }

    private static String normaliseDeclared(String language) {
        if (language == null || language.isBlank()) {
            return null;
        }
        String code = language.trim().toLowerCase(Locale.ROOT);
        int dash = code.indexOf('-');
        if (dash < 0) {
            dash = code.indexOf('_');
        }
        return dash > 0 ? code.substring(0, dash) : code;
    }

    /** SHA-256 of exactly what is analysed, so a wrong or missing contentHash can never return a stale result. */
    private static String contentKey(String document) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(document.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
