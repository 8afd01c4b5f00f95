package io.storyline.dedupe.nearduplicate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceBoilerplateTest {

    @Test
    void lineRecurringInEnoughOriginalsOfOneSourceBecomesBoilerplate() {
        SourceBoilerplate boilerplate = new SourceBoilerplate(3, 64, 10);
        long footer = 42L;
        boilerplate.record("outlet", new long[]{1, footer}, 2);
        boilerplate.record("outlet", new long[]{2, footer, footer}, 3); // twice in one article counts once
        assertThat(boilerplate.filterFor("outlet").isBoilerplate(footer)).isFalse();
        boilerplate.record("outlet", new long[]{3, footer}, 2);
        assertThat(boilerplate.filterFor("outlet").isBoilerplate(footer)).isTrue();
        assertThat(boilerplate.filterFor("outlet").isBoilerplate(1)).isFalse();
        assertThat(boilerplate.filterFor("other").isBoilerplate(footer)).isFalse();
        assertThat(boilerplate.filterFor(null).isBoilerplate(footer)).isFalse();
    }

    @Test
    void memoryIsBoundedButRecurringLinesSurvive() {
        SourceBoilerplate boilerplate = new SourceBoilerplate(3, 64, 2);
        long footer = -7L;
        for (int article = 0; article < 1000; article++) {
            long[] lines = new long[10];
            for (int i = 0; i < 9; i++) {
                lines[i] = article * 100L + i + 1000;
            }
            lines[9] = footer;
            boilerplate.record("outlet", lines, lines.length);
        }
        assertThat(boilerplate.filterFor("outlet").isBoilerplate(footer)).isTrue();
        long bytes = boilerplate.estimatedBytes();
        assertThat(bytes).isLessThan(4_000);
        boilerplate.record("b", new long[]{1}, 1);
        boilerplate.record("c", new long[]{1}, 1);
        assertThat(boilerplate.sourceCount()).isEqualTo(2);
    }
}
