package io.storyline.ingest.batch;

import io.storyline.ingest.article.RejectedInputException;
import io.storyline.ingest.article.RejectionReason;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a streamed NDJSON body into lines without holding more than one line (at most {@code maxLineBytes}) in
 * memory. Blank lines are skipped; a line over the limit is reported and skipped, not buffered.
 */
public final class NdjsonLines {

    public interface Handler {
        /** One non-blank line; {@code bytes} is reused after the call returns. */
        void line(int number, byte[] bytes, int length);

        void oversized(int number, long length);
    }

    private final int maxLineBytes;
    private final long maxTotalBytes;
    private final int maxLines;

    public NdjsonLines(int maxLineBytes, long maxTotalBytes, int maxLines) {
        this.maxLineBytes = maxLineBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.maxLines = maxLines;
    }

    /**
     * @return the number of lines read
     * @throws RejectedInputException BATCH_TOO_LARGE when the body exceeds the byte or line limit; lines before
     *                                the limit have been handled
     */
    public int read(InputStream in, Handler handler) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        byte[] line = new byte[Math.min(maxLineBytes, 16 * 1024)];
        int lineLength = 0;
        long oversizedLength = -1; // >= 0 while skipping an oversized line
        int number = 0;
        long total = 0;
        int n;
        while ((n = in.read(chunk)) >= 0) {
            total += n;
            if (total > maxTotalBytes) {
                throw new RejectedInputException(RejectionReason.BATCH_TOO_LARGE, "body",
                        "batch larger than " + maxTotalBytes + " bytes; lines after line " + number + " were not read");
            }
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] != '\n') {
                    continue;
                }
                number++;
                if (number > maxLines) {
                    throw new RejectedInputException(RejectionReason.BATCH_TOO_LARGE, "body",
                            "batch has more than " + maxLines + " lines; lines after line " + maxLines + " were not read");
                }
                int piece = i - start;
                if (oversizedLength >= 0) {
                    handler.oversized(number, oversizedLength + piece);
                } else if (lineLength + piece > maxLineBytes) {
                    handler.oversized(number, (long) lineLength + piece);
                } else {
                    line = append(line, lineLength, chunk, start, piece);
                    lineLength += piece;
                    emit(handler, number, line, lineLength);
                }
                lineLength = 0;
                oversizedLength = -1;
                start = i + 1;
            }
            int rest = n - start;
            if (oversizedLength >= 0) {
                oversizedLength += rest;
            } else if (lineLength + rest > maxLineBytes) {
                oversizedLength = (long) lineLength + rest;
                lineLength = 0;
            } else {
                line = append(line, lineLength, chunk, start, rest);
                lineLength += rest;
            }
        }
        if (oversizedLength >= 0 || lineLength > 0) {
            number++;
            if (number > maxLines) {
                throw new RejectedInputException(RejectionReason.BATCH_TOO_LARGE, "body",
                        "batch has more than " + maxLines + " lines; lines after line " + maxLines + " were not read");
            }
            if (oversizedLength >= 0) {
                handler.oversized(number, oversizedLength);
            } else {
                emit(handler, number, line, lineLength);
            }
        }
        return number;
    }

    private static byte[] append(byte[] line, int length, byte[] chunk, int from, int count) {
        if (count == 0) {
            return line;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(length + count, line.length * 2));
        }
        System.arraycopy(chunk, from, line, length, count);
        return line;
    }

    private static void emit(Handler handler, int number, byte[] line, int length) {
        int end = length;
        if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        for (int i = 0; i < end; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                handler.line(number, line, end);
                return;
            }
        }
    }
}
