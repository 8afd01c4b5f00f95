package io.storyline.ingest.batch;

import io.storyline.ingest.article.RejectedInputException;
import io.storyline.ingest.article.RejectionReason;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NdjsonLinesTest {

    private final List<String> events = new ArrayList<>();
    private final NdjsonLines.Handler handler = new NdjsonLines.Handler() {
        @Override
        public void line(int number, byte[] bytes, int length) {
            events.add(number + ":" + new String(bytes, 0, length, StandardCharsets.UTF_8));
        }

        @Override
        public void oversized(int number, long length) {
            events.add(number + ":oversized " + length);
        }
    };

    @Test
    void splitsSkipsBlankLinesAndHandlesCrLfAndMissingFinalNewline() throws IOException {
        int n = new NdjsonLines(100, 1000, 100).read(in("a\r\n\n  \nbb\nc"), handler);
        assertThat(n).isEqualTo(5);
        assertThat(events).containsExactly("1:a", "4:bb", "5:c");
    }

    @Test
    void oversizedLinesAreReportedNotBuffered() throws IOException {
        new NdjsonLines(5, 1_000_000, 100).read(in("ok\n" + "x".repeat(200_000) + "\nfine\n123456"), handler);
        assertThat(events).containsExactly("1:ok", "2:oversized 200000", "3:fine", "4:oversized 6");
    }

    @Test
    void linesSplitAcrossReadsAreJoined() throws IOException {
        InputStream trickle = new InputStream() {
            private final byte[] data = "first line\nsecond\n".getBytes(StandardCharsets.UTF_8);
            private int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= data.length) {
                    return -1;
                }
                b[off] = data[pos++];
                return 1;
            }
        };
        new NdjsonLines(100, 1000, 100).read(trickle, handler);
        assertThat(events).containsExactly("1:first line", "2:second");
    }

    @Test
    void byteAndLineLimits() {
        assertThatThrownBy(() -> new NdjsonLines(100, 10, 100).read(in("aaaa\nbbbb\ncccc\n"), handler))
                .isInstanceOfSatisfying(RejectedInputException.class, e -> assertThat(e.rejection().reason()).isEqualTo(RejectionReason.BATCH_TOO_LARGE));
        events.clear();
        assertThatThrownBy(() -> new NdjsonLines(100, 1000, 2).read(in("a\nb\nc\n"), handler))
                .isInstanceOfSatisfying(RejectedInputException.class, e -> assertThat(e.rejection().reason()).isEqualTo(RejectionReason.BATCH_TOO_LARGE));
        assertThat(events).containsExactly("1:a", "2:b");
    }

    private static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
