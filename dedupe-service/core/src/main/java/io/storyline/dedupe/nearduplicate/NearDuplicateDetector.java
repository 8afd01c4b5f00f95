package io.storyline.dedupe.nearduplicate;

import com.dynatrace.hash4j.similarity.ElementHashProvider;
import com.dynatrace.hash4j.similarity.SimilarityHashPolicy;
import com.dynatrace.hash4j.similarity.SimilarityHasher;
import com.dynatrace.hash4j.similarity.SimilarityHashing;
import com.dynatrace.hash4j.similarity.SuperMinHashVersion;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognises wire copies: each article is shingled, signed with SuperMinHash and looked up in a windowed LSH
 * index; a candidate whose estimated Jaccard similarity reaches the threshold makes the article a copy of that
 * candidate. Only originals are indexed, so a copy always points at the first-seen article of its group.
 * <p>
 * Event time drives forgetting: the watermark is the latest event time observed, and originals older than
 * {@code watermark - window} are evicted on the way in. Same input order, same answers.
 * Not thread-safe: one instance per partition or stream.
 */
public final class NearDuplicateDetector {

    /**
     * Pinned so stored signatures stay comparable across hash4j upgrades; together with
     * {@link ShingleExtractor#FORMAT_VERSION} it identifies the signature format.
     */
    static final SuperMinHashVersion MINHASH_VERSION = SuperMinHashVersion.V1;

    private final NearDuplicateSettings settings;
    private final BandingPlan plan;
    private final SimilarityHashPolicy policy;
    private final SimilarityHasher hasher;
    private final ShingleExtractor shingler;
    private final SourceBoilerplate boilerplate;
    private final NearDuplicateIndex index;
    private final long windowMillis;
    private final double chanceAgreement;
    private final byte[] candidateSignature;

    private long watermark = Long.MIN_VALUE;

    // per-call scratch for the candidate visitor (avoids allocating a closure per article)
    private byte[] querySignature;
    private byte[] queryId;
    private long queryCutoff;
    private int bestSlot;
    private double bestSimilarity;
    private boolean sawSelf;
    private boolean signedText;

    public NearDuplicateDetector(NearDuplicateSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.plan = BandingPlan.optimal(settings.threshold(), settings.signatureSize(),
                settings.falsePositiveWeight(), settings.falseNegativeWeight());
        this.policy = SimilarityHashing.superMinHash(settings.signatureSize(), settings.componentBits(), MINHASH_VERSION);
        this.hasher = policy.createHasher();
        this.shingler = new ShingleExtractor(settings.shingleSize(), settings.characterShingleSize());
        this.boilerplate = new SourceBoilerplate(settings.boilerplateMinArticles(),
                settings.boilerplateLinesPerSource(), settings.boilerplateSources());
        this.index = new NearDuplicateIndex(policy.getSignatureSizeInBytes(), plan, settings.componentBits() / 8);
        this.windowMillis = settings.window().toMillis();
        this.chanceAgreement = Math.pow(2.0, -settings.componentBits());
        this.candidateSignature = new byte[policy.getSignatureSizeInBytes()];
    }

    public NearDuplicateSettings settings() {
        return settings;
    }

    /** Bands and rows derived from the threshold. */
    public BandingPlan bandingPlan() {
        return plan;
    }

    /**
     * Checks the article against the window; if it is a copy returns the original (the first-seen copy of its
     * group, never a copy of a copy), otherwise indexes it as a possible original. Advances the event-time
     * watermark and evicts entries older than the window. An article with no words in title or text cannot be
     * fingerprinted: it is reported as no copy and not indexed. An article older than the window is checked but
     * not indexed. Re-observing an indexed article id (a revision) matches nothing and is not indexed twice.
     *
     * @throws IllegalArgumentException when articleId is blank or eventTime is missing
     */
    public Optional<NearDuplicate> observe(String articleId, String language, String source, String title,
                                           String text, Instant eventTime) {
        if (articleId == null || articleId.isBlank()) {
            throw new IllegalArgumentException("articleId must not be blank");
        }
        if (eventTime == null) {
            throw new IllegalArgumentException("eventTime must not be null (article " + articleId + ")");
        }
        long time = eventTime.toEpochMilli();
        if (time > watermark) {
            watermark = time;
            index.evictBefore(cutoff());
        }
        byte[] signature = sign(language, source, title, text);
        if (signature == null) {
            return Optional.empty();
        }
        byte[] utf8Id = articleId.getBytes(StandardCharsets.UTF_8);
        long[] bandHashes = index.hashBands(signature);
        int match = bestMatch(signature, bandHashes, utf8Id);
        if (!sawSelf && signedText) {
            // Copies count too: before a source's footer is learned, its short stories look like copies of
            // each other, and only counting them lets the footer be learned at all.
            boilerplate.record(source, shingler.lineHashes(), shingler.lineCount());
        }
        if (match >= 0) {
            return Optional.of(new NearDuplicate(index.idOf(match), Math.min(1.0, bestSimilarity)));
        }
        if (!sawSelf && time >= cutoff()) {
            index.insert(utf8Id, signature, bandHashes, time);
        }
        return Optional.empty();
    }

    /** Entries in the window. */
    public int size() {
        return index.size();
    }

    /** Memory held by the index and the boilerplate statistics, in bytes. */
    public long estimatedBytes() {
        return 64 + index.estimatedBytes() + boilerplate.estimatedBytes() + 16L + candidateSignature.length;
    }

    /** Latest event time observed, or null before the first article. */
    public Instant watermark() {
        return watermark == Long.MIN_VALUE ? null : Instant.ofEpochMilli(watermark);
    }

    private long cutoff() {
        return watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - windowMillis;
    }

    /** SuperMinHash signature of the article's text (its title when the text has no words), or null. */
    byte[] sign(String language, String source, String title, String text) {
        ShingleExtractor.LineFilter filter = boilerplate.filterFor(source);
        int n = text == null ? 0 : shingler.extract(language, text, filter);
        signedText = n > 0;
        if (n == 0 && title != null) {
            n = shingler.extract(language, title, ShingleExtractor.LineFilter.NONE);
        }
        if (n == 0) {
            return null;
        }
        long[] shingles = shingler.shingles();
        return hasher.compute(ElementHashProvider.ofFunction(i -> shingles[i], n));
    }

    /** Jaccard estimate from the share of equal components, corrected for agreement by chance of truncated ones. */
    double estimateSimilarity(byte[] a, byte[] b) {
        double fraction = policy.getFractionOfEqualComponents(a, b);
        return Math.max(0.0, (fraction - chanceAgreement) / (1.0 - chanceAgreement));
    }

    private int bestMatch(byte[] signature, long[] bandHashes, byte[] utf8Id) {
        querySignature = signature;
        queryId = utf8Id;
        queryCutoff = cutoff();
        bestSlot = -1;
        bestSimilarity = -1.0;
        sawSelf = false;
        index.forEachCandidate(signature, bandHashes, this::verify);
        querySignature = null;
        queryId = null;
        return bestSlot;
    }

    private void verify(int slot) {
        if (index.eventTimeOf(slot) < queryCutoff) {
            return; // arrived late and not yet reached the eviction end: already out of the window
        }
        if (index.idEquals(slot, queryId)) {
            sawSelf = true;
            return;
        }
        index.signatureOf(slot, candidateSignature);
        double similarity = estimateSimilarity(querySignature, candidateSignature);
        if (similarity < settings.threshold()) {
            return;
        }
        if (similarity > bestSimilarity
                || (similarity == bestSimilarity && index.ageRank(slot) < index.ageRank(bestSlot))) {
            bestSlot = slot;
            bestSimilarity = similarity;
        }
    }
}
