package io.storyline.local.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A kind of news event (an earthquake, a merger, a football match ...) with its own slots and sentence
 * templates, read from {@code newsroom/events/<name>.txt}, and the contexts (newsroom/context/) whose
 * background sentences suit it. Lines are {@code key: value} or
 * {@code slot name = type args}; # starts a comment.
 */
record EventKind(String name, List<String> contexts, List<String> sections, List<Slot> slots, List<String> headlines, List<String> leads,
                 List<String> bodies, List<String> quotes, List<String> boilerplate) {

    /** An event-level value drawn once per event: {@code slot name = type args}. */
    record Slot(String name, String type, List<String> args) {
    }

    static EventKind read(String resource) {
        InputStream in = EventKind.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        String name = null;
        List<String> contexts = new ArrayList<>();
        List<String> sections = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        List<String> headlines = new ArrayList<>();
        List<String> leads = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        List<String> quotes = new ArrayList<>();
        List<String> boilerplate = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.startsWith("slot ") ? 4 : line.indexOf(':');
                if (colon < 0) {
                    throw new IllegalStateException(resource + ":" + number + ": expected 'key: value' or 'slot name = type args'");
                }
                String key = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                switch (key) {
                    case "kind" -> name = value;
                    case "context" -> contexts.addAll(List.of(value.split("\\|")));
                    case "sections" -> sections.addAll(List.of(value.split("\\|")));
                    case "slot" -> slots.add(parseSlot(value, resource, number));
                    case "headline" -> headlines.add(value);
                    case "lead" -> leads.add(value);
                    case "body" -> bodies.add(value);
                    case "quote" -> quotes.add(value);
                    case "boilerplate" -> boilerplate.add(value);
                    default -> throw new IllegalStateException(resource + ":" + number + ": unknown key '" + key + "'");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (name == null) {
            throw new IllegalStateException(resource + ": no 'kind:' line");
        }
        return new EventKind(name, List.copyOf(contexts), List.copyOf(sections), List.copyOf(slots), List.copyOf(headlines), List.copyOf(leads),
                List.copyOf(bodies), List.copyOf(quotes), List.copyOf(boilerplate));
    }

    private static Slot parseSlot(String value, String resource, int number) {
        int eq = value.indexOf('=');
        if (eq < 0) {
            throw new IllegalStateException(resource + ":" + number + ": expected 'slot name = type args'");
        }
        String slotName = value.substring(0, eq).strip();
        String spec = value.substring(eq + 1).strip();
        int space = spec.indexOf(' ');
        String type = space < 0 ? spec : spec.substring(0, space);
        String rest = space < 0 ? "" : spec.substring(space + 1).strip();
        List<String> args = switch (type) {
            case "pick" -> List.of(rest.split("\\|"));
            case "int", "decimal" -> List.of(rest.split("\\s+"));
            case "org" -> List.of(rest);
            case "person", "city", "country" -> List.of();
            default -> throw new IllegalStateException(resource + ":" + number + ": unknown slot type '" + type + "'");
        };
        return new Slot(slotName, type, args);
    }
}
