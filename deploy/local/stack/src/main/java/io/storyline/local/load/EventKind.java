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
 * <p>
 * A kind may go on as a developing story: {@code storyline: a|b|c=d} names the slots a follow-up event keeps from
 * the event it follows (its principal actors, subject and place; {@code city} keeps the place, {@code c=d} takes the
 * earlier event's {@code d} as the new {@code c}, as when the away side hosts the return leg). Every other slot,
 * figures included, is drawn again. A follow-up is reported with its own {@code follow-up headline:},
 * {@code follow-up lead:} and {@code follow-up body:} lines (what happened next), which may also name
 * {@code {first_weekday}} and {@code {first_date}} (the day the storyline began), besides the kind's bodies and
 * quotes.
 */
record EventKind(String name, List<String> contexts, List<String> sections, List<Slot> slots, List<String> headlines, List<String> leads,
                 List<String> bodies, List<String> quotes, List<String> boilerplate, List<Carry> storyline,
                 List<String> followUpHeadlines, List<String> followUpLeads, List<String> followUpBodies) {

    /** An event-level value drawn once per event: {@code slot name = type args}. */
    record Slot(String name, String type, List<String> args) {
    }

    /** A follow-up event's slot {@code slot} takes the earlier event's {@code from}. */
    record Carry(String slot, String from) {
    }

    /** Whether events of this kind can be followed up by a later event of the same storyline. */
    boolean developing() {
        return !storyline.isEmpty();
    }

    Slot slot(String slotName) {
        for (Slot s : slots) {
            if (s.name().equals(slotName)) {
                return s;
            }
        }
        return null;
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
        List<Carry> storyline = new ArrayList<>();
        List<String> followUpHeadlines = new ArrayList<>();
        List<String> followUpLeads = new ArrayList<>();
        List<String> followUpBodies = new ArrayList<>();
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
                    case "storyline" -> {
                        for (String entry : value.split("\\|")) {
                            String[] parts = entry.strip().split("=", -1);
                            if (parts.length > 2 || parts[0].isBlank() || parts[parts.length - 1].isBlank()) {
                                throw new IllegalStateException(resource + ":" + number + ": expected 'storyline: slot|slot=earlier_slot|...'");
                            }
                            storyline.add(new Carry(parts[0].strip(), parts[parts.length - 1].strip()));
                        }
                    }
                    case "follow-up headline" -> followUpHeadlines.add(value);
                    case "follow-up lead" -> followUpLeads.add(value);
                    case "follow-up body" -> followUpBodies.add(value);
                    default -> throw new IllegalStateException(resource + ":" + number + ": unknown key '" + key + "'");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (name == null) {
            throw new IllegalStateException(resource + ": no 'kind:' line");
        }
        if (!storyline.isEmpty() && (followUpHeadlines.isEmpty() || followUpLeads.isEmpty())) {
            throw new IllegalStateException(resource + ": a kind with a 'storyline:' needs follow-up headlines and leads");
        }
        for (Carry carry : storyline) {
            Slot to = slots.stream().filter(s -> s.name().equals(carry.slot())).findFirst().orElse(null);
            Slot from = slots.stream().filter(s -> s.name().equals(carry.from())).findFirst().orElse(null);
            boolean place = carry.slot().equals("city") && carry.from().equals("city");
            if (!place && (to == null || from == null || !to.type().equals(from.type()))) {
                throw new IllegalStateException(resource + ": storyline entry " + carry.slot() + "=" + carry.from()
                        + " must name the event's city or two slots of the kind of one type");
            }
        }
        return new EventKind(name, List.copyOf(contexts), List.copyOf(sections), List.copyOf(slots), List.copyOf(headlines), List.copyOf(leads),
                List.copyOf(bodies), List.copyOf(quotes), List.copyOf(boilerplate), List.copyOf(storyline),
                List.copyOf(followUpHeadlines), List.copyOf(followUpLeads), List.copyOf(followUpBodies));
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
