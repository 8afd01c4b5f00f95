package io.storyline.nlp.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The rows of the name tables nlp ships (aliases, outlets): tab-separated, blank lines and {@code #} comments skipped. */
public final class TabSeparatedRows {
    private TabSeparatedRows() {
    }

    /** Reads a table shipped beside {@code owner} on the classpath; a missing or malformed table is a build error. */
    public static List<String[]> resource(Class<?> owner, String name, int fields) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the classpath");
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), name, fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row, each with exactly {@code fields} fields, or an error naming the table and line. */
    public static List<String[]> read(BufferedReader reader, String name, int fields) throws IOException {
        List<String[]> rows = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] row = line.split("\t", -1);
            if (row.length != fields) {
                throw new IllegalStateException(name + " line " + number + ": expected " + fields + " tab-separated fields");
            }
            rows.add(row);
        }
        return rows;
    }
}
