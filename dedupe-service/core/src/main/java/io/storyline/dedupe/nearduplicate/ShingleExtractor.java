package io.storyline.dedupe.nearduplicate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Turns article text into 64-bit shingle hashes: case-folded, punctuation and HTML leftovers removed, word n-grams
 * for space-separated languages and character n-grams for languages written without spaces.
 * <p>
 * Lines are kept apart so that a source's boilerplate lines can be left out before shingling. Works in reusable
 * buffers (no per-token objects): one instance per detector, not thread-safe.
 * <p>
 * The hashes are part of the stored-signature format: changing normalisation or hashing here makes old
 * signatures incomparable, so bump {@link #FORMAT_VERSION} when doing so.
 */
final class ShingleExtractor {

    static final int FORMAT_VERSION = 1;

    /** Primary language subtags whose writing does not separate words with spaces. */
    private static final Set<String> UNSPACED_LANGUAGES = Set.of("zh", "ja", "th", "lo", "km", "my", "bo", "yue", "wuu");

    /** Tells whether a line (by its hash) is boilerplate of the article's source. */
    @FunctionalInterface
    interface LineFilter {
        LineFilter NONE = lineHash -> false;

        boolean isBoilerplate(long lineHash);
    }

    private final int wordShingleSize;
    private final int characterShingleSize;

    private long[] tokens = new long[1024];
    private int tokenCount;
    private long[] lineHashes = new long[64];
    private int[] lineEnds = new int[64]; // exclusive token index where each line ends
    private int lineCount;
    private long[] kept = new long[1024];
    private long[] shingles = new long[1024];
    private int shingleCount;

    ShingleExtractor(int wordShingleSize, int characterShingleSize) {
        this.wordShingleSize = wordShingleSize;
        this.characterShingleSize = characterShingleSize;
    }

    /**
     * Shingles {@code text}, leaving out lines the filter calls boilerplate.
     *
     * @return the number of shingles, readable through {@link #shingles()}; 0 when the text has no words
     */
    int extract(String language, String text, LineFilter filter) {
        boolean characters = writtenWithoutSpaces(language, text);
        tokenize(text, characters);
        long[] source = tokens;
        int keptCount = tokenCount;
        if (filter != LineFilter.NONE) {
            keptCount = 0;
            int start = 0;
            for (int line = 0; line < lineCount; line++) {
                int end = lineEnds[line];
                if (!filter.isBoilerplate(lineHashes[line])) {
                    int n = end - start;
                    if (keptCount + n > kept.length) {
                        kept = Arrays.copyOf(kept, Math.max(kept.length * 2, keptCount + n));
                    }
                    System.arraycopy(tokens, start, kept, keptCount, n);
                    keptCount += n;
                }
                start = end;
            }
            source = kept;
        }
        int n = characters ? characterShingleSize : wordShingleSize;
        shingleCount = 0;
        if (keptCount == 0) {
            return 0;
        }
        if (keptCount < n) {
            n = keptCount; // a text shorter than one shingle is one shingle
        }
        int count = keptCount - n + 1;
        if (shingles.length < count) {
            shingles = new long[Math.max(count, shingles.length * 2)];
        }
        // Token hashes are already mixed, so a shingle combines them by position-dependent rotation and one
        // final mix: no multiply chain across the n tokens, and consecutive shingles hash in parallel.
        for (int i = 0; i < count; i++) {
            long h = n;
            for (int j = 0; j < n; j++) {
                h ^= Long.rotateLeft(source[i + j], 17 * j);
            }
            shingles[i] = mix(h);
        }
        shingleCount = count;
        return count;
    }

    /** Shingle hashes of the last extraction (length at least its count; extra entries are stale). */
    long[] shingles() {
        return shingles;
    }

    int shingleCount() {
        return shingleCount;
    }

    /** Hashes of the non-empty lines of the last extraction, for boilerplate bookkeeping. */
    long[] lineHashes() {
        return lineHashes;
    }

    int lineCount() {
        return lineCount;
    }

    static boolean writtenWithoutSpaces(String language, String text) {
        if (language != null && !language.isBlank() && !language.equalsIgnoreCase("und")) {
            String primary = language.strip().toLowerCase(Locale.ROOT);
            int dash = indexOfSeparator(primary);
            if (dash > 0) {
                primary = primary.substring(0, dash);
            }
            return UNSPACED_LANGUAGES.contains(primary);
        }
        // Undeclared language: decide by the script of the first letters.
        int unspaced = 0;
        int letters = 0;
        for (int i = 0, n = Math.min(text.length(), 600); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                Character.UnicodeScript script = Character.UnicodeScript.of(c);
                if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                        || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI
                        || script == Character.UnicodeScript.LAO || script == Character.UnicodeScript.KHMER
                        || script == Character.UnicodeScript.MYANMAR || script == Character.UnicodeScript.TIBETAN) {
                    unspaced++;
                }
            }
        }
        return letters > 0 && unspaced * 2 > letters;
    }

    private static int indexOfSeparator(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' || c == '_') {
                return i;
            }
        }
        return -1;
    }

    private void tokenize(String text, boolean characters) {
        lineCount = 0;
        final int length = text.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        text.getChars(0, length, chars, 0); // one bulk copy beats charAt's per-call checks in the hot loop
        // words are separated by at least one character, except that without spaces every character is a token
        int maxTokens = (characters ? length : length / 2) + 2;
        if (tokens.length < maxTokens) {
            tokens = new long[Math.max(maxTokens, tokens.length * 2)];
        }
        final char[] cs = chars;
        final long[] out = tokens;
        final byte[] kinds = KIND;
        // The common case, ASCII letters/digits and separators, runs without branches: a word boundary is the
        // one unpredictable event per word, and mispredicting it cost more than everything else here. The
        // current word's hash is stored speculatively at out[n] and kept (n advances) when the word ends.
        long h = 0;
        int wordLength = 0;
        int n = 0;
        int lineStart = 0;
        for (int i = 0; i < length; i++) {
            char c = cs[i];
            int kind = kinds[c];
            if (kind <= WORD) {
                out[n] = h ^ (wordLength * GOLDEN);
                n += (-wordLength >>> 31) & (kind ^ WORD);
                long mask = -(long) kind;
                h = (Long.rotateLeft(h, 7) ^ (c | 0x20)) & mask; // c | 0x20 lower-cases ASCII letters, keeps digits
                wordLength = (wordLength + 1) & (int) mask;
                continue;
            }
            if (kind == LETTER) {
                if (characters && wordLength > 0 && !Character.isLowSurrogate(c)) { // "iPhone手机": iphone, 手, 机
                    out[n++] = h ^ (wordLength * GOLDEN);
                    h = 0;
                    wordLength = 0;
                }
                h = Long.rotateLeft(h, 7) ^ Character.toLowerCase(c);
                wordLength++;
                // without spaces every character is a token; a surrogate pair is one character
                if (characters && !Character.isHighSurrogate(c)) {
                    out[n++] = h ^ (wordLength * GOLDEN);
                    h = 0;
                    wordLength = 0;
                }
                continue;
            }
            if (kind == APOSTROPHE && wordLength > 0 && !characters) {
                continue; // "don't" and "Biden’s" stay one word
            }
            if (wordLength > 0) {
                out[n++] = h ^ (wordLength * GOLDEN);
                h = 0;
                wordLength = 0;
            }
            if (kind == NEWLINE) {
                if (n > lineStart) {
                    endLine(n);
                    lineStart = n;
                }
            } else if (kind == TAG_OPEN) {
                int close = htmlTagEnd(cs, length, i);
                if (close > i) {
                    i = close;
                }
            } else if (kind == ENTITY) {
                int close = htmlEntityEnd(cs, length, i);
                if (close > i) {
                    i = close;
                }
            }
        }
        if (wordLength > 0) {
            out[n++] = h ^ (wordLength * GOLDEN);
        }
        if (n > lineStart) {
            endLine(n);
        }
        tokenCount = n;
        // second pass, branch-predictable: finish the word hashes and hash each line for boilerplate lookups
        int from = 0;
        for (int line = 0; line < lineCount; line++) {
            int to = lineEnds[line];
            long lineHash = LINE_SEED;
            for (int t = from; t < to; t++) {
                long word = mix(out[t]);
                out[t] = word;
                lineHash = (Long.rotateLeft(lineHash, 17) ^ word) * 0xC2B2AE3D27D4EB4FL;
            }
            lineHashes[line] = mix(lineHash);
            from = to;
        }
    }

    private void endLine(int tokenEnd) {
        if (lineCount == lineEnds.length) {
            lineHashes = Arrays.copyOf(lineHashes, lineCount * 2);
            lineEnds = Arrays.copyOf(lineEnds, lineCount * 2);
        }
        lineEnds[lineCount++] = tokenEnd;
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long LINE_SEED = 0x6A09E667F3BCC909L;
    private static final byte SEPARATOR = 0;
    private static final byte WORD = 1;       // ASCII letter or digit
    private static final byte LETTER = 2;     // any other letter, digit, combining mark or surrogate
    private static final byte NEWLINE = 3;
    private static final byte TAG_OPEN = 4;
    private static final byte ENTITY = 5;
    private static final byte APOSTROPHE = 6;
    /** What each UTF-16 code unit is to the tokenizer (64 KiB, built once; Character.getType is slow). */
    private static final byte[] KIND = new byte[1 << 16];

    static {
        for (int c = 0; c < 1 << 16; c++) {
            int type = Character.getType(c);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                KIND[c] = WORD;
            } else if (c >= 128 && (Character.isLetterOrDigit(c) || Character.isSurrogate((char) c)
                    || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK)) {
                KIND[c] = LETTER;
            } else {
                KIND[c] = SEPARATOR;
            }
        }
        KIND['\n'] = NEWLINE;
        KIND['\r'] = NEWLINE;
        KIND['<'] = TAG_OPEN;
        KIND['&'] = ENTITY;
        KIND['\''] = APOSTROPHE;
        KIND['\u2019'] = APOSTROPHE;
    }

    private char[] chars = new char[8192];

    /** Index of the '>' closing an HTML tag that starts at {@code at}, or -1 when this '<' is not a tag. */
    private static int htmlTagEnd(char[] text, int length, int at) {
        if (at + 1 >= length) {
            return -1;
        }
        char next = text[at + 1];
        if (!(next == '/' || next == '!' || (next < 128 && Character.isLetter(next)))) {
            return -1;
        }
        for (int j = at + 2, limit = Math.min(length, at + 512); j < limit; j++) {
            char c = text[j];
            if (c == '>') {
                return j;
            }
            if (c == '<' || c == '\n') {
                return -1;
            }
        }
        return -1;
    }

    /** Index of the ';' closing an HTML entity (&amp;amp; &amp;#8217; ...) that starts at {@code at}, or -1. */
    private static int htmlEntityEnd(char[] text, int length, int at) {
        for (int j = at + 1, limit = Math.min(length, at + 12); j < limit; j++) {
            char c = text[j];
            if (c == ';') {
                return j > at + 1 ? j : -1;
            }
            if (!(c == '#' || (c < 128 && Character.isLetterOrDigit(c)))) {
                return -1;
            }
        }
        return -1;
    }

    /** MurmurHash3's 64-bit finaliser. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
