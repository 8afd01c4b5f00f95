package io.storyline.ingest.article;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable ids and content hashes: the same article always gets the same id, a changed body a new hash. */
public final class ArticleIdentity {

    private static final int ID_BYTES = 16;

    private ArticleIdentity() {
    }

    /** SHA-256 (hex) of title and text: equal hashes mean nothing a reader sees has changed. */
    public static String contentHash(String title, String text) {
        return HexFormat.of().formatHex(sha256(title + "\n\n" + text));
    }

    /** 128-bit id (32 hex digits) of a canonical URL. */
    public static String idFromUrl(String canonicalUrl) {
        return truncatedHex("url\n" + canonicalUrl);
    }

    /** Id of an article without URL: only identical content is the same article. */
    public static String idFromContent(String contentHash) {
        return truncatedHex("content\n" + contentHash);
    }

    private static String truncatedHex(String input) {
        byte[] digest = sha256(input);
        return HexFormat.of().formatHex(digest, 0, ID_BYTES);
    }

    private static byte[] sha256(String input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
