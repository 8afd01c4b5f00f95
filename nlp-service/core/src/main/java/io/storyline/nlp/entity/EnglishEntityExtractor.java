package io.storyline.nlp.entity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import io.storyline.events.EntityType;
import io.storyline.events.NamedEntity;
import io.storyline.nlp.Deadline;
import io.storyline.nlp.NlpSettings.NerScope;
import io.storyline.nlp.entity.EntityCanonicaliser.Mention;
import io.storyline.nlp.text.ArticleText;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Named entities of an English article: the CRF model labels the headline and lead (or everything, in FULL
 * scope); every other mention is found by exact token match of the names found there, their surnames and
 * the alias table. The {@link EntityCanonicaliser} then makes the mentions entities: aliases under their table
 * name, a person's partial names under the longest full name in the article that ends with them.
 */
public final class EnglishEntityExtractor {
    /** Titles the model sometimes includes in a person span; never part of the canonical name. */
    private static final Set<String> HONORIFICS = Set.of("Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.",
            "President", "Prime", "Minister", "Chancellor", "Secretary", "General", "Gen.", "Sen.", "Senator",
            "Rep.", "Gov.", "Governor", "King", "Queen", "Pope", "Sir", "Lord", "Lady", "Prince", "Princess",
            "Premier", "Vice", "Chairman", "Mayor", "Judge", "Justice", "Professor", "Prof.", "Sheikh");
    private static final Set<String> ARTICLES = Set.of("the", "The", "THE");

    private final CrfEntityRecognizer model;
    private final AliasTable aliases;
    private final EntityCanonicaliser canonicaliser;
    private final NerScope scope;
    private final int leadTokens;
    /** Alias forms as token sequences, built once: matched in every article. */
    private final MentionDictionary aliasDictionary = new MentionDictionary();
    /** The model's labels by the words of the sequence labelled; null when caching is off. */
    private final Cache<String, EntityType[]> sequenceLabels;
    /** Sequences labelled while caching is off (the cache counts its own). */
    private final LongAdder labelledWithoutCache = new LongAdder();

    /**
     * @param cachedSequences how many labelled sentences and windows to keep (0: none). The model labels a sequence
     *                        from its words alone, so a cached labelling is exactly what the model would say again;
     *                        wire copies and agency text repeat sentences, and names recur in the same few words.
     */
    public EnglishEntityExtractor(CrfEntityRecognizer model, AliasTable aliases, NerScope scope, int leadTokens,
                                  int cachedSequences) {
        this.model = model;
        this.aliases = aliases;
        this.canonicaliser = new EntityCanonicaliser(aliases, PlaceGazetteer.standard());
        this.scope = scope;
        this.leadTokens = leadTokens;
        this.sequenceLabels = cachedSequences == 0 ? null
                : Caffeine.newBuilder().maximumSize(cachedSequences).recordStats().build();
        for (Map.Entry<String, AliasTable.Alias> e : aliases.forms().entrySet()) {
            aliasDictionary.add(words(e.getKey()), e.getValue().type());
        }
    }

    public String modelName() {
        return model.modelName();
    }

    /** Sequences (sentences of the lead, windows) the model labelled, and those answered from the cache. */
    public record SequenceCounts(long labelled, long cached) {
    }

    public SequenceCounts sequenceCounts() {
        if (sequenceLabels == null) {
            return new SequenceCounts(labelledWithoutCache.sum(), 0);
        }
        CacheStats stats = sequenceLabels.stats();
        return new SequenceCounts(stats.missCount(), stats.hitCount());
    }

    /** The model's labels for one sequence; shared with the cache, so never changed by the caller. */
    private EntityType[] label(List<CoreLabel> sequence) {
        if (sequenceLabels == null) {
            labelledWithoutCache.increment();
            return model.label(sequence);
        }
        StringBuilder key = new StringBuilder(sequence.size() * 8);
        for (CoreLabel token : sequence) {
            key.append(token.word()).append('\u0000');
        }
        return sequenceLabels.get(key.toString(), k -> model.label(sequence));
    }

    private static String[] words(String form) {
        List<CoreLabel> tokens = new PTBTokenizer<>(new StringReader(form), new CoreLabelTokenFactory(),
                "invertible=false").tokenize();
        return tokens.stream().map(CoreLabel::word).toArray(String[]::new);
    }

    public List<NamedEntity> extract(ArticleText text, List<List<CoreLabel>> sentences, Deadline deadline) {
        List<CoreLabel> tokens = new ArrayList<>();
        for (List<CoreLabel> s : sentences) {
            tokens.addAll(s);
        }
        int n = tokens.size();
        // Where each token's sentence ends: matches never cross a sentence.
        int[] sentenceEnd = new int[n];
        EntityType[] labels = new EntityType[n];
        int offset = 0;
        int leadEnd = 0;
        for (List<CoreLabel> s : sentences) {
            int end = offset + s.size();
            for (int i = offset; i < end; i++) {
                sentenceEnd[i] = end;
            }
            if (scope == NerScope.FULL || leadEnd < leadTokens) {
                EntityType[] sentenceLabels = label(s);
                System.arraycopy(sentenceLabels, 0, labels, offset, sentenceLabels.length);
                leadEnd = end;
                deadline.check("named-entity recognition");
            }
            offset = end;
        }

        List<Mention> mentions = new ArrayList<>();
        boolean[] covered = new boolean[n];
        MentionDictionary dictionary = new MentionDictionary();
        addModelMentions(text.document(), tokens, labels, sentenceEnd, 0, leadEnd, covered, mentions, dictionary);
        matchNames(text.document(), tokens, sentenceEnd, 0, n, covered, mentions, dictionary, deadline);
        if (scope == NerScope.HYBRID && leadEnd < n) {
            labelUnexplainedNames(tokens, sentenceEnd, leadEnd, covered, labels, deadline);
            addModelMentions(text.document(), tokens, labels, sentenceEnd, leadEnd, n, covered, mentions, dictionary);
            // Names the windows found may also stand where no window looked (at a sentence start).
            matchNames(text.document(), tokens, sentenceEnd, leadEnd, n, covered, mentions, dictionary, deadline);
        }
        return canonicaliser.canonicalise(mentions, text.titleEnd());
    }

    /** Turns runs of equal model labels in [from, to) into mentions, skipping tokens already explained. */
    private void addModelMentions(String document, List<CoreLabel> tokens, EntityType[] labels, int[] sentenceEnd,
                                  int from, int to, boolean[] covered, List<Mention> mentions,
                                  MentionDictionary dictionary) {
        for (int i = from; i < to; ) {
            if (labels[i] == null || (covered[i] && from > 0)) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < sentenceEnd[i] && labels[j] == labels[i] && !(covered[j] && from > 0)) {
                j++;
            }
            for (int k = i; k < j; k++) {
                covered[k] = true;
            }
            Mention m = modelMention(document, tokens, i, j, labels[i]);
            if (m != null) {
                mentions.add(m);
                String[] words = m.form().split(" ");
                dictionary.add(words, m.type());
                if (m.type() == EntityType.PERSON && words.length > 1) {
                    String surname = words[words.length - 1];
                    if (surname.length() > 1 && Character.isUpperCase(surname.charAt(0))) {
                        dictionary.add(new String[] {surname}, EntityType.PERSON);
                    }
                }
            }
            i = j;
        }
    }

    /** Finds known names (the model's, their surnames, the alias table) among tokens not yet explained. */
    private void matchNames(String document, List<CoreLabel> tokens, int[] sentenceEnd, int from, int to,
                            boolean[] covered, List<Mention> mentions, MentionDictionary dictionary,
                            Deadline deadline) {
        for (int i = from; i < to; ) {
            if (covered[i]) {
                i++;
                continue;
            }
            int limit = i;
            while (limit < sentenceEnd[i] && !covered[limit]) {
                limit++;
            }
            MentionDictionary.Entry match = dictionary.longestMatch(tokens, i, limit);
            MentionDictionary.Entry alias = aliasDictionary.longestMatch(tokens, i, limit);
            if (alias != null && (match == null || alias.words().length > match.words().length)) {
                match = alias;
            }
            if (match == null) {
                i++;
                continue;
            }
            int j = i + match.words().length;
            String form = String.join(" ", match.words());
            int first = i;
            if (match.type() == EntityType.PERSON && match.words().length == 1) {
                // "Barack Obama" where only "Obama" is known: the given name belongs to the mention.
                while (first > from && !covered[first - 1] && sentenceEnd[first - 1] == sentenceEnd[i]
                        && isCapitalised(tokens.get(first - 1).word())
                        && !HONORIFICS.contains(tokens.get(first - 1).word())
                        && !CALENDAR.contains(tokens.get(first - 1).word())
                        && aliases.lookup(tokens.get(first - 1).word()).isEmpty()
                        && i - first < 2) {
                    first--;
                }
                if (first < i) {
                    StringBuilder b = new StringBuilder();
                    for (int k = first; k < j; k++) {
                        b.append(k > first ? " " : "").append(tokens.get(k).word());
                    }
                    form = b.toString();
                }
            }
            for (int k = first; k < j; k++) {
                covered[k] = true;
            }
            int begin = tokens.get(first).beginPosition();
            int end = tokens.get(j - 1).endPosition();
            mentions.add(new Mention(form, document.substring(begin, end), match.type(), begin, end, false));
            i = j;
            if ((i & 255) == 0) {
                deadline.check("mention matching");
            }
        }
    }

    /**
     * Context the model sees before and after the unexplained capitalised words of a HYBRID window. Measured on
     * WikiRef against full-text NER: 2 + 3 finds 327 of 340 clustering-relevant entities, as many as 3 + 3 at 3%
     * more cost; 2 + 2 is 15% cheaper but finds 324.
     */
    static final int WINDOW_BEFORE = 2;
    static final int WINDOW_AFTER = 3;
    private static final Set<String> CALENDAR = Set.of("January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday",
            "Thursday", "Friday", "Saturday", "Sunday", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.");

    /**
     * Runs the model on short windows around capitalised words after the lead that no known name explains:
     * a name first met late in the article costs a few tokens of CRF, not the whole text. A capital only
     * triggers a window where it says something: not at a sentence start, not on a word the article also
     * writes in lower case, not on a word the model already called no entity.
     */
    private void labelUnexplainedNames(List<CoreLabel> tokens, int[] sentenceEnd, int leadEnd, boolean[] covered,
                                       EntityType[] labels, Deadline deadline) {
        int n = tokens.size();
        Set<String> lowerCase = new java.util.HashSet<>();
        for (CoreLabel t : tokens) {
            String w = t.word();
            if (!w.isEmpty() && Character.isLowerCase(w.charAt(0))) {
                lowerCase.add(w);
            }
        }
        Set<String> notNames = new java.util.HashSet<>(HONORIFICS);
        for (int k = 0; k < leadEnd; k++) {
            if (labels[k] == null) {
                notNames.add(tokens.get(k).word());
            }
        }
        int sentenceStart = leadEnd;
        int i = leadEnd;
        while (i < n) {
            if (sentenceEnd[i - 1] == i) {
                sentenceStart = i;
            }
            if (i == sentenceStart || !isTrigger(tokens, i, sentenceStart, covered, lowerCase, notNames)) {
                i++;
                continue;
            }
            int end = sentenceEnd[i];
            int from = Math.max(sentenceStart, i - WINDOW_BEFORE);
            int to = Math.min(end, i + 1 + WINDOW_AFTER);
            // Extend the window while further triggers follow within reach.
            for (int k = i + 1; k < to; k++) {
                if (isTrigger(tokens, k, sentenceStart, covered, lowerCase, notNames)) {
                    to = Math.min(end, k + 1 + WINDOW_AFTER);
                }
            }
            // Each window is labelled on its own, like a sentence: the model's cost is per token, not per call
            // (measured: 15 us/token for windows of 5 and of 400 tokens), and a window's labels then depend on
            // its words alone, so they can be cached.
            EntityType[] windowLabels = label(tokens.subList(from, to));
            for (int k = from; k < to; k++) {
                if (!covered[k]) {
                    labels[k] = windowLabels[k - from];
                }
            }
            deadline.check("named-entity recognition");
            i = to;
        }
    }

    /**
     * A capitalised word no name explains, not a calendar word, not one the model already rejected, and
     * either never written in lower case in the article or next to another capitalised word ("Champions
     * League" though the article also says "league").
     */
    private static boolean isTrigger(List<CoreLabel> tokens, int i, int sentenceStart, boolean[] covered,
                                     Set<String> lowerCase, Set<String> notNames) {
        String w = tokens.get(i).word();
        if (covered[i] || !isCapitalised(w) || CALENDAR.contains(w) || notNames.contains(w)) {
            return false;
        }
        if (!lowerCase.contains(w.toLowerCase(java.util.Locale.ROOT))) {
            return true;
        }
        boolean before = i - 1 > sentenceStart && isCapitalised(tokens.get(i - 1).word());
        boolean after = i + 1 < tokens.size() && isCapitalised(tokens.get(i + 1).word());
        return before || after;
    }

    private static boolean isCapitalised(String w) {
        return w.length() > 1 && Character.isUpperCase(w.charAt(0));
    }

    private static Mention modelMention(String document, List<CoreLabel> tokens, int from, int to, EntityType type) {
        int i = from;
        int j = to;
        while (i < j - 1 && (ARTICLES.contains(tokens.get(i).word())
                || (type == EntityType.PERSON && HONORIFICS.contains(tokens.get(i).word())))) {
            i++;
        }
        while (j > i && isPossessive(tokens.get(j - 1).word())) {
            j--;
        }
        if (j <= i) {
            return null;
        }
        StringBuilder form = new StringBuilder();
        boolean letters = false;
        for (int k = i; k < j; k++) {
            String w = tokens.get(k).word();
            if (k > i) {
                form.append(' ');
            }
            form.append(w);
            letters |= w.chars().anyMatch(Character::isLetter);
        }
        if (!letters) {
            return null;
        }
        int begin = tokens.get(i).beginPosition();
        int end = tokens.get(j - 1).endPosition();
        return new Mention(form.toString(), document.substring(begin, end), type, begin, end, true);
    }

    private static boolean isPossessive(String word) {
        return word.equals("'s") || word.equals("'") || word.equals("’s") || word.equals("’");
    }
}
