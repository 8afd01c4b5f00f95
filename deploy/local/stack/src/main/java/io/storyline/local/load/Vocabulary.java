package io.storyline.local.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Names, places, organisations, outlets and event kinds the newsroom writes with (classpath newsroom/). */
record Vocabulary(List<String> firstNames, List<String> surnames, List<String[]> places, Map<String, List<String>> organisations,
                  List<Outlet> outlets, List<EventKind> kinds, EventKind generic, Map<String, EventKind> contexts) {

    static final String[] KINDS = {
            "talks", "election", "earthquake", "merger", "football", "strike", "trial", "summit", "protest",
            "product_launch", "court_ruling", "wildfire", "storm", "rate_decision"};

    private static final Vocabulary STANDARD = load();

    static Vocabulary standard() {
        return STANDARD;
    }

    private static Vocabulary load() {
        List<String[]> places = new ArrayList<>();
        for (String line : lines("places.txt")) {
            places.add(split(line, 2, "places.txt"));
        }
        Map<String, List<String>> organisations = new LinkedHashMap<>();
        for (String line : lines("organisations.txt")) {
            String[] parts = split(line, 2, "organisations.txt");
            organisations.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
        }
        organisations.replaceAll((k, v) -> List.copyOf(v));
        List<Outlet> outlets = new ArrayList<>();
        for (String line : lines("outlets.txt")) {
            String[] parts = split(line, 3, "outlets.txt");
            outlets.add(new Outlet(parts[0], parts[1], parts[2].equals("-") ? null : parts[2]));
        }
        List<EventKind> kinds = new ArrayList<>();
        for (String kind : KINDS) {
            kinds.add(EventKind.read("/newsroom/events/" + kind + ".txt"));
        }
        Map<String, EventKind> contexts = new LinkedHashMap<>();
        for (EventKind kind : kinds) {
            for (String context : kind.contexts()) {
                contexts.computeIfAbsent(context, c -> EventKind.read("/newsroom/context/" + c + ".txt"));
            }
        }
        return new Vocabulary(lines("first-names.txt"), lines("surnames.txt"), List.copyOf(places), Map.copyOf(organisations),
                List.copyOf(outlets), List.copyOf(kinds), EventKind.read("/newsroom/generic.txt"), Map.copyOf(contexts));
    }

    /** Background sentences that suit any event of this kind: its contexts' and the generic ones. */
    List<String> background(EventKind kind) {
        List<String> sentences = new ArrayList<>(generic.bodies());
        for (String context : kind.contexts()) {
            sentences.addAll(contexts.get(context).bodies());
        }
        return sentences;
    }

    List<String> organisations(String kind) {
        List<String> names = organisations.get(kind);
        if (names == null) {
            throw new IllegalArgumentException("no organisations of kind '" + kind + "' in newsroom/organisations.txt");
        }
        return names;
    }

    private static String[] split(String line, int fields, String file) {
        String[] parts = line.split("\\|");
        if (parts.length != fields) {
            throw new IllegalStateException(file + ": expected " + fields + " fields separated by |: " + line);
        }
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].strip();
        }
        return parts;
    }

    private static List<String> lines(String file) {
        InputStream in = Vocabulary.class.getResourceAsStream("/newsroom/" + file);
        if (in == null) {
            throw new IllegalStateException("missing resource newsroom/" + file);
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(lines);
    }
}
