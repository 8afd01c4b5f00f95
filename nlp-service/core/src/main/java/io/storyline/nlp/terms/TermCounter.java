package io.storyline.nlp.terms;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.Morphology;
import io.storyline.nlp.Deadline;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.util.IOUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Content terms with counts: case-folded, stop words removed (Lucene's per-language lists), English
 * lemmatised with CoreNLP's morphology. Terms are counted over headline and body; the dedupe stage weighs
 * them by TF-IDF.
 */
public final class TermCounter {
    private static final Set<String> CJK = Set.of("zh", "ja", "ko");

    private final CharArraySet englishStopWords;
    private final boolean lemmas;
    private final Map<String, Analyzer> analyzers = new HashMap<>();
    private final Analyzer fallback;
    /** Morphology keeps lexer state, so one per thread. */
    private final ThreadLocal<Morphology> morphology = ThreadLocal.withInitial(Morphology::new);
    /**
     * Lemma by word: a word's lemma depends on nothing else, and news vocabulary repeats, so most words skip
     * the morphology lexer. Bounded; what it holds never changes a result, only saves work.
     */
    private final Cache<String, String> lemmaCache = Caffeine.newBuilder().maximumSize(LEMMA_CACHE_SIZE).build();
    static final int LEMMA_CACHE_SIZE = 50_000;

    public TermCounter(List<String> languages, boolean lemmas) {
        this.lemmas = lemmas;
        this.englishStopWords = snowball("english_stop.txt", EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        for (String language : languages) {
            if (!language.equals("en")) {
                analyzers.put(language, analyzer(stopWords(language), CJK.contains(language)));
            }
        }
        this.fallback = analyzer(CharArraySet.EMPTY_SET, false);
    }

    private static CharArraySet snowball(String file, CharArraySet extra) {
        try {
            CharArraySet words = new CharArraySet(WordlistLoader.getSnowballWordSet(
                    IOUtils.getDecodingReader(SnowballFilter.class, file, java.nio.charset.StandardCharsets.UTF_8)), false);
            words.addAll(extra);
            return CharArraySet.unmodifiableSet(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CharArraySet stopWords(String language) {
        return switch (language) {
            case "de" -> GermanAnalyzer.getDefaultStopSet();
            case "fr" -> FrenchAnalyzer.getDefaultStopSet();
            case "es" -> SpanishAnalyzer.getDefaultStopSet();
            case "it" -> ItalianAnalyzer.getDefaultStopSet();
            case "pt" -> PortugueseAnalyzer.getDefaultStopSet();
            case "nl" -> DutchAnalyzer.getDefaultStopSet();
            case "ru" -> RussianAnalyzer.getDefaultStopSet();
            case "ar" -> ArabicAnalyzer.getDefaultStopSet();
            case "zh", "ja", "ko" -> CJKAnalyzer.getDefaultStopSet();
            // Lucene keeps Polish and Ukrainian lists in its stempel/morfologik modules, not pulled in here.
            default -> CharArraySet.EMPTY_SET;
        };
    }

    private static Analyzer analyzer(CharArraySet stopWords, boolean cjk) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = source;
                if (cjk) {
                    // Chinese and Japanese have no spaces: overlapping character bigrams are the usual terms.
                    stream = new CJKWidthFilter(stream);
                    stream = new LowerCaseFilter(stream);
                    stream = new CJKBigramFilter(stream);
                } else {
                    stream = new LowerCaseFilter(stream);
                }
                return new TokenStreamComponents(source, new StopFilter(stream, stopWords));
            }
        };
    }

    /** Terms of an English article from its CoreNLP tokens. */
    public Map<String, Integer> englishTerms(List<List<CoreLabel>> sentences, Deadline deadline) {
        Map<String, Integer> counts = new HashMap<>();
        Morphology morph = lemmas ? morphology.get() : null;
        for (List<CoreLabel> sentence : sentences) {
            for (CoreLabel token : sentence) {
                String original = token.word();
                String word = original.toLowerCase(Locale.ROOT);
                if (!isContentWord(word)) {
                    continue;
                }
                // "US", "WHO", "IT": an acronym is a name, not the stop word it folds to.
                boolean acronym = original.length() > 1 && isUpperCase(original);
                if (!acronym && englishStopWords.contains(word)) {
                    continue;
                }
                // Morphology would turn names into Latin plurals ("Russia" to "russium"): capitalised words stay.
                boolean capitalised = Character.isUpperCase(original.charAt(0));
                String term = morph == null || capitalised ? word : lemma(word, morph);
                if (term.length() > 1 && (acronym || !englishStopWords.contains(term))) {
                    counts.merge(term, 1, Integer::sum);
                }
            }
            deadline.check("terms");
        }
        return ordered(counts);
    }

    private String lemma(String word, Morphology morph) {
        String lemma = lemmaCache.getIfPresent(word);
        if (lemma == null) {
            lemma = morph.stem(word);
            lemmaCache.put(word, lemma);
        }
        return lemma;
    }

    /** Terms of an article in any other language, with that language's stop words (none if unknown). */
    public Map<String, Integer> terms(String language, String document, Deadline deadline) {
        Analyzer analyzer = analyzers.getOrDefault(language, fallback);
        Map<String, Integer> counts = new HashMap<>();
        try (TokenStream stream = analyzer.tokenStream("text", document)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            int seen = 0;
            while (stream.incrementToken()) {
                String t = term.toString();
                if (isContentWord(t) && (t.length() > 1 || Character.isIdeographic(t.codePointAt(0)))) {
                    counts.merge(t, 1, Integer::sum);
                }
                if ((++seen & 1023) == 0) {
                    deadline.check("terms");
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ordered(counts);
    }

    private static boolean isUpperCase(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.isLowerCase(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A word with at least one letter and nothing but letters, digits, hyphens, apostrophes and dots. */
    private static boolean isContentWord(String word) {
        boolean letter = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLetter(c)) {
                letter = true;
            } else if (!(Character.isDigit(c) || c == '-' || c == '\'' || c == '’' || c == '.'
                    || Character.getType(c) == Character.NON_SPACING_MARK)) {
                return false;
            }
        }
        return letter;
    }

    /** Most frequent first, then alphabetical: the same article always serialises the same way. */
    private static Map<String, Integer> ordered(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> result = new LinkedHashMap<>(entries.size() * 2);
        for (Map.Entry<String, Integer> e : entries) {
            result.put(e.getKey(), e.getValue());
        }
        return java.util.Collections.unmodifiableMap(result);
    }
}
