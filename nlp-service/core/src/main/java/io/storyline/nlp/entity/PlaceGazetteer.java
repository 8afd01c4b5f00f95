package io.storyline.nlp.entity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Place names of more than one word (cities, states and provinces, countries) from the gazetteer that ships in
 * Stanford CoreNLP's models jar ({@value #RESOURCE}, about 80,000 such names). The CRF model labels an unfamiliar
 * two-word city as a person ("Chiang Mai", "Porto Alegre", "Da Nang"); counted as a person, a city becomes an
 * actor that every story from there shares. One-word names stay out: they are too often also people's names
 * ("Jordan", "Lincoln", "Victoria") and the alias table already covers the countries.
 */
public final class PlaceGazetteer {
    static final String RESOURCE = "/edu/stanford/nlp/models/kbp/english/gazetteers/regexner_caseless.tab";
    private static final Set<String> KINDS = Set.of("CITY", "STATE_OR_PROVINCE", "COUNTRY");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final Set<String> names;

    private PlaceGazetteer(Set<String> names) {
        this.names = names;
    }

    /** The gazetteer of the CoreNLP models on the classpath, read once per JVM (it is immutable). */
    public static PlaceGazetteer standard() {
        return Standard.INSTANCE;
    }

    /** A gazetteer of the given names (any case), for tests. */
    public static PlaceGazetteer of(Set<String> names) {
        Set<String> folded = new HashSet<>();
        for (String n : names) {
            folded.add(fold(n));
        }
        return new PlaceGazetteer(Set.copyOf(folded));
    }

    /** Whether a name of more than one word is a known place, whatever its case and spacing. */
    public boolean isPlace(String name) {
        if (name == null || name.indexOf(' ') < 0) {
            return false;
        }
        return names.contains(fold(name));
    }

    public int size() {
        return names.size();
    }

    private static String fold(String name) {
        return SPACES.matcher(name.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    private static final class Standard {
        static final PlaceGazetteer INSTANCE = read();

        private static PlaceGazetteer read() {
            try (InputStream in = PlaceGazetteer.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " missing from the classpath (the CoreNLP models jar)");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                Set<String> names = new HashSet<>();
                String line;
                while ((line = reader.readLine()) != null) {
                    // name, kind, NER class, priority
                    int tab = line.indexOf('\t');
                    if (tab <= 0 || line.lastIndexOf(' ', tab) < 0) {
                        continue;
                    }
                    int kindEnd = line.indexOf('\t', tab + 1);
                    String kind = kindEnd < 0 ? line.substring(tab + 1) : line.substring(tab + 1, kindEnd);
                    if (KINDS.contains(kind)) {
                        names.add(fold(line.substring(0, tab)));
                    }
                }
                return new PlaceGazetteer(Set.copyOf(names));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
