package io.storyline.ingest.endpoint;

import io.storyline.ingest.article.RejectedInputException;
import io.storyline.ingest.article.RejectionReason;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Reads a request body up to a limit, refusing larger ones with 413 before they are held in memory. */
final class RequestBody {

    private RequestBody() {
    }

    static byte[] read(InputStream in, long declaredLength, int limit) {
        if (declaredLength > limit) {
            throw tooLarge(limit);
        }
        if (in == null) {
            return new byte[0];
        }
        try {
            byte[] buffer = new byte[(int) Math.min(limit + 1L, declaredLength > 0 ? declaredLength + 1 : 8192)];
            int size = 0;
            while (true) {
                if (size == buffer.length) {
                    if (size > limit) {
                        throw tooLarge(limit);
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min(limit + 1L, buffer.length * 2L));
                }
                int n = in.read(buffer, size, buffer.length - size);
                if (n < 0) {
                    break;
                }
                size += n;
                if (size > limit) {
                    throw tooLarge(limit);
                }
            }
            return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
    }

    static RejectedInputException tooLarge(long limit) {
        return new RejectedInputException(RejectionReason.TOO_LARGE, "body", "request body larger than " + limit + " bytes");
    }
}
