package io.storyline.ingest.article;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes request bytes as UTF-8 and refuses what is not text, instead of letting U+FFFD or NULs into articles. */
public final class StrictText {

    private StrictText() {
    }

    /**
     * @param field the field to blame in the rejection ({@code body}, {@code line}, ...)
     * @throws RejectedInputException on invalid UTF-8 or binary content
     */
    public static String decode(byte[] bytes, int offset, int length, String field) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        String text;
        try {
            CharBuffer chars = decoder.decode(in);
            text = chars.toString();
        } catch (CharacterCodingException e) {
            throw new RejectedInputException(RejectionReason.INVALID_UTF8, field,
                    "not valid UTF-8 near byte " + (in.position() - offset));
        }
        requireText(text, field);
        return text;
    }

    public static String decode(byte[] bytes, String field) {
        return decode(bytes, 0, bytes.length, field);
    }

    /** Refuses NUL and runs of control characters, the marks of binary data sent as text. */
    public static void requireText(String text, String field) {
        int controls = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw new RejectedInputException(RejectionReason.BINARY_CONTENT, field, "contains NUL characters: binary data, not text");
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                controls++;
            }
        }
        if (controls > 8 && controls * 100L > text.length()) {
            throw new RejectedInputException(RejectionReason.BINARY_CONTENT, field,
                    controls + " control characters: binary data, not text");
        }
    }
}
