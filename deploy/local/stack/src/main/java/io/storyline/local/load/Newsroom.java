package io.storyline.local.load;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A deterministic synthetic newsroom: an endless, time-ordered stream of English articles about many
 * news events. Several outlets write up the same event independently (own sentences, shared people,
 * places, organisations and figures); a share of articles are near-duplicate copies of an earlier wire
 * story (new headline, trimmed ending, an added paragraph, outlet boilerplate, a few typos). Publication
 * times follow a day of news, busier by day than at night. The same seed and settings give the same stream.
 * <p>
 * Events of one kind overlap in time, are written from the same phrasing and share some names (the pools are
 * small). Some events are the next chapter of an earlier one, a day to a few days later: the same kind, principal
 * actors and subject (and mostly the place), new figures and other people, reported with what happened next (the
 * runoff after the first round, the aftershock, the verdict after the trial opened). Such chains are the
 * newsroom's storylines; an event that follows nothing starts its own.
 */
public final class Newsroom {

    /** Relative publishing intensity per UTC hour of day: quiet at night, busiest late morning. */
    private static final double[] HOURLY = {
            0.35, 0.25, 0.2, 0.2, 0.25, 0.4, 0.7, 1.0, 1.3, 1.5, 1.6, 1.6,
            1.5, 1.5, 1.5, 1.5, 1.4, 1.3, 1.2, 1.1, 1.0, 0.9, 0.7, 0.5};
    private static final double HOURLY_MEAN = java.util.Arrays.stream(HOURLY).average().orElseThrow();
    private static final Duration EVENT_LIFETIME = Duration.ofHours(24);
    private static final int RECENT_EVENTS = 150;
    private static final int RECENT_WIRE_STORIES = 60;
    private static final double WIRE_WRITE_UP_SHARE = 0.25;
    /** Share of new events, of a kind that can develop, that follow up an open storyline when one is old enough. */
    static final double FOLLOW_UP_SHARE = 0.3;
    /** A follow-up starts at least this long after the event it follows (so on a later day) ... */
    static final Duration FOLLOW_UP_MIN_GAP = Duration.ofDays(1);
    /** ... and at most this long after it; a storyline with no new event for longer has ended. */
    static final Duration FOLLOW_UP_MAX_GAP = Duration.ofDays(4);
    /** How often a follow-up's write-up recalls the day of the event it follows (a date it names in passing). */
    private static final double RECALL_SHARE = 0.6;
    static final int MIN_WORDS = 150;
    static final int MAX_WORDS = 1000;

    private final long seed;
    private final NewsroomSettings settings;
    private final Vocabulary vocabulary;

    public Newsroom(long seed, NewsroomSettings settings) {
        this.seed = seed;
        this.settings = settings;
        this.vocabulary = Vocabulary.standard();
    }

    /** The endless stream from its start; every call starts over with the same articles. */
    public Stream<ArticleDraft> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
    }

    public Iterator<ArticleDraft> iterator() {
        return new Press();
    }

    public NewsroomSettings settings() {
        return settings;
    }

    private record WireStory(ArticleDraft draft, NewsEvent event, Set<String> templatesUsed) {
    }

    /** The stream's state: clock, open events and recent wire stories. */
    private final class Press implements Iterator<ArticleDraft> {
        private final Random random = new Random(seed);
        private final List<NewsEvent> events = new ArrayList<>();
        private final Deque<WireStory> wireStories = new ArrayDeque<>();
        /** The latest event of each storyline that can still develop, oldest first. */
        private final List<NewsEvent> storylineTips = new ArrayList<>();
        private final List<Outlet> wires = vocabulary.outlets().stream().filter(Outlet::isWire).toList();
        private final List<Outlet> papers = vocabulary.outlets().stream().filter(o -> !o.isWire()).toList();
        private double clockSeconds;
        private long sequence;
        private long eventSequence;

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public ArticleDraft next() {
            advanceClock();
            Instant published = settings.start().plusMillis((long) (clockSeconds * 1000)).truncatedTo(ChronoUnit.SECONDS);
            retireEvents(published);
            sequence++;
            if (!wireStories.isEmpty() && random.nextDouble() < settings.duplicateShare()) {
                return copy(pickWireStory(), published);
            }
            NewsEvent event = pickOrOpenEvent(published);
            Outlet outlet = pickOutlet(event);
            event.coveredBy.add(outlet.name());
            Set<String> used = new HashSet<>();
            ArticleDraft draft = writeUp(event, outlet, published, used);
            if (outlet.isWire()) {
                wireStories.addLast(new WireStory(draft, event, used));
                if (wireStories.size() > RECENT_WIRE_STORIES) {
                    wireStories.removeFirst();
                }
            }
            return draft;
        }

        private void advanceClock() {
            double meanGap = 86_400.0 / settings.articlesPerDay();
            int hour = (int) ((settings.start().getEpochSecond() + (long) clockSeconds) % 86_400 / 3600);
            double intensity = HOURLY[hour] / HOURLY_MEAN;
            clockSeconds += -Math.log(1 - random.nextDouble()) * meanGap / intensity;
        }

        private void retireEvents(Instant now) {
            Instant horizon = now.minus(EVENT_LIFETIME);
            events.removeIf(e -> e.start.isBefore(horizon));
            Instant ended = now.minus(FOLLOW_UP_MAX_GAP);
            int stale = 0;
            while (stale < storylineTips.size() && storylineTips.get(stale).start.isBefore(ended)) {
                stale++;
            }
            storylineTips.subList(0, stale).clear();
        }

        /**
         * The event a new one follows up, or null for a new storyline. The coin is tossed only when some storyline is
         * old enough to go on, so a stream's first day is the same as without storylines.
         */
        private NewsEvent pickPrevious(Instant now) {
            Instant latest = now.minus(FOLLOW_UP_MIN_GAP);
            int eligible = 0;
            while (eligible < storylineTips.size() && !storylineTips.get(eligible).start.isAfter(latest)) {
                eligible++;
            }
            if (eligible == 0 || random.nextDouble() >= FOLLOW_UP_SHARE) {
                return null;
            }
            return storylineTips.remove(random.nextInt(eligible));
        }

        private NewsEvent pickOrOpenEvent(Instant now) {
            if (events.isEmpty() || random.nextDouble() < 1.0 / settings.articlesPerEventMean()) {
                NewsEvent event = openEvent(now);
                events.add(event);
                return event;
            }
            int window = Math.min(RECENT_EVENTS, events.size());
            return events.get(events.size() - 1 - random.nextInt(window));
        }

        private NewsEvent openEvent(Instant now) {
            NewsEvent previous = pickPrevious(now);
            EventKind kind = previous == null ? pick(vocabulary.kinds()) : previous.kind;
            Map<String, String> slots = new HashMap<>();
            Set<String> taken = new HashSet<>();
            boolean samePlace = previous != null && kind.storyline().contains(new EventKind.Carry("city", "city"));
            String[] place = samePlace ? new String[] {previous.slots.get("city"), previous.slots.get("country")} : pick(vocabulary.places());
            taken.add(place[0]);
            slots.put("city", place[0]);
            slots.put("CITY", place[0].toUpperCase(Locale.ROOT));
            slots.put("country", place[1]);
            ZonedDateTime day = now.atZone(ZoneOffset.UTC);
            slots.put("weekday", day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.UK));
            slots.put("month", day.getMonth().getDisplayName(TextStyle.FULL, Locale.UK));
            slots.put("date", day.getDayOfMonth() + " " + slots.get("month"));
            slots.put("year", Integer.toString(day.getYear()));
            slots.put("next_year", Integer.toString(day.getYear() + 1));
            Set<String> carried = new HashSet<>();
            if (previous != null) {
                // the day the storyline began, which its later reports recall ("the trial opened on ...")
                slots.put("first_weekday", previous.slots.getOrDefault("first_weekday", previous.slots.get("weekday")));
                slots.put("first_date", previous.slots.getOrDefault("first_date", previous.slots.get("date")));
                for (EventKind.Carry carry : kind.storyline()) {
                    if (!carry.slot().equals("city")) {
                        carry(kind.slot(carry.slot()), carry.from(), previous.slots, slots, taken);
                        carried.add(carry.slot());
                    }
                }
            }
            for (EventKind.Slot slot : kind.slots()) {
                if (!carried.contains(slot.name())) {
                    bind(slot, slots, taken, place[1]);
                }
            }
            eventSequence++;
            String key = kind.name() + "-" + eventSequence;
            NewsEvent event = new NewsEvent(key, kind, now, slots, previous);
            if (kind.developing()) {
                storylineTips.add(event);
            }
            return event;
        }

        /** A follow-up keeps a principal actor, subject or place of the event it follows. */
        private void carry(EventKind.Slot slot, String from, Map<String, String> earlier, Map<String, String> slots, Set<String> taken) {
            String name = slot.name();
            String value = earlier.get(from);
            slots.put(name, value);
            switch (slot.type()) {
                case "person" -> {
                    slots.put(name + "_last", earlier.get(from + "_last"));
                    taken.add(earlier.get(from + "_last"));
                }
                case "city" -> {
                    slots.put(name + "_country", earlier.get(from + "_country"));
                    taken.add(value);
                }
                case "country", "org" -> taken.add(value);
                default -> {
                    // figures and picked phrases need no reservation
                }
            }
        }

        private void bind(EventKind.Slot slot, Map<String, String> slots, Set<String> taken, String homeCountry) {
            String name = slot.name();
            switch (slot.type()) {
                case "person" -> {
                    String first = pick(vocabulary.firstNames());
                    String last = unused(vocabulary.surnames(), taken);
                    slots.put(name, first + " " + last);
                    slots.put(name + "_last", last);
                }
                case "city" -> {
                    String[] place;
                    do {
                        place = pick(vocabulary.places());
                    } while (taken.contains(place[0]));
                    taken.add(place[0]);
                    slots.put(name, place[0]);
                    slots.put(name + "_country", place[1]);
                }
                case "country" -> {
                    String country;
                    do {
                        country = pick(vocabulary.places())[1];
                    } while (country.equals(homeCountry) || taken.contains(country));
                    taken.add(country);
                    slots.put(name, country);
                }
                case "org" -> slots.put(name, unused(vocabulary.organisations(slot.args().get(0)), taken));
                case "int" -> {
                    int lo = Integer.parseInt(slot.args().get(0));
                    int hi = Integer.parseInt(slot.args().get(1));
                    slots.put(name, String.format(Locale.UK, "%,d", lo + random.nextInt(hi - lo + 1)));
                }
                case "decimal" -> {
                    double lo = Double.parseDouble(slot.args().get(0));
                    double hi = Double.parseDouble(slot.args().get(1));
                    slots.put(name, String.format(Locale.UK, "%.1f", lo + random.nextDouble() * (hi - lo)));
                }
                case "pick" -> slots.put(name, pick(slot.args()));
                default -> throw new IllegalStateException("unknown slot type " + slot.type());
            }
        }

        private String unused(List<String> names, Set<String> taken) {
            for (int attempt = 0; attempt < 100; attempt++) {
                String candidate = pick(names);
                if (taken.add(candidate)) {
                    return candidate;
                }
            }
            throw new IllegalStateException("too few distinct names to fill an event: " + names.size());
        }

        private Outlet pickOutlet(NewsEvent event) {
            List<Outlet> candidates = random.nextDouble() < WIRE_WRITE_UP_SHARE ? wires : papers;
            List<Outlet> fresh = candidates.stream().filter(o -> !event.coveredBy.contains(o.name())).toList();
            return pick(fresh.isEmpty() ? candidates : fresh);
        }

        private WireStory pickWireStory() {
            List<WireStory> recent = new ArrayList<>(wireStories);
            return recent.get(recent.size() - 1 - random.nextInt(recent.size()));
        }

        private ArticleDraft writeUp(NewsEvent event, Outlet outlet, Instant published, Set<String> used) {
            Map<String, String> slots = articleSlots(event, outlet);
            EventKind kind = event.kind;
            String title = Wording.render(pick(event.isFollowUp() ? kind.followUpHeadlines() : kind.headlines()), slots, random);
            int target = targetWords();

            List<String> paragraphs = new ArrayList<>();
            String leadTemplate = pick(event.isFollowUp() ? kind.followUpLeads() : kind.leads());
            used.add(leadTemplate);
            String lead = Wording.render(leadTemplate, slots, random);
            if (outlet.isWire()) {
                lead = slots.get("CITY") + ", " + slots.get("date") + " (" + outlet.wireAbbreviation() + ") - " + lead;
            }
            paragraphs.add(lead);
            int words = Wording.words(title) + Wording.words(lead);

            List<String> own = new ArrayList<>(kind.bodies());
            own.addAll(kind.quotes());
            Collections.shuffle(own, random);
            if (event.isFollowUp()) {
                // what happened next comes first (sentences are taken from the end); the kind's lines are background
                List<String> next = new ArrayList<>(kind.followUpBodies());
                Collections.shuffle(next, random);
                if (random.nextDouble() >= RECALL_SHARE) {
                    next.removeIf(t -> t.contains("{first_"));
                }
                own.addAll(next);
            }
            List<String> general = vocabulary.background(kind);
            Collections.shuffle(general, random);
            Set<String> quotes = new HashSet<>(kind.quotes());
            Set<String> seen = new HashSet<>(paragraphs);
            while (words < target && !(own.isEmpty() && general.isEmpty())) {
                StringBuilder paragraph = new StringBuilder();
                int sentences = 1 + random.nextInt(3);
                for (int s = 0; s < sentences && words < target && !(own.isEmpty() && general.isEmpty()); s++) {
                    boolean takeGeneral = !general.isEmpty() && (own.isEmpty() || random.nextDouble() < 0.35);
                    String template = (takeGeneral ? general : own).remove((takeGeneral ? general : own).size() - 1);
                    used.add(template);
                    String sentence = Wording.render(template, slots, random);
                    words += Wording.words(sentence);
                    if (quotes.contains(template) && !paragraph.isEmpty()) {
                        addParagraph(paragraphs, seen, paragraph.toString());
                        paragraph.setLength(0);
                    }
                    if (!paragraph.isEmpty()) {
                        paragraph.append(' ');
                    }
                    paragraph.append(sentence);
                    if (quotes.contains(template)) {
                        break;
                    }
                }
                addParagraph(paragraphs, seen, paragraph.toString());
            }
            String url = url(outlet, pick(kind.sections()), title);
            return new ArticleDraft(url, title, paragraphs, outlet.name(), published, event.key, event.storylineKey, null);
        }

        private void addParagraph(List<String> paragraphs, Set<String> seen, String paragraph) {
            if (!paragraph.isEmpty() && seen.add(paragraph)) {
                paragraphs.add(paragraph);
            }
        }

        /** Another outlet republishes a wire story with its own headline, a cut, an extra paragraph, boilerplate and slips. */
        private ArticleDraft copy(WireStory original, Instant published) {
            NewsEvent event = original.event;
            Outlet outlet;
            do {
                outlet = pick(papers);
            } while (outlet.name().equals(original.draft.source()));
            Map<String, String> slots = articleSlots(event, outlet);
            slots.put("wire", original.draft.source());

            String title = original.draft.title();
            List<String> headlines = event.isFollowUp() ? event.kind.followUpHeadlines() : event.kind.headlines();
            for (int attempt = 0; attempt < 5 && title.equals(original.draft.title()); attempt++) {
                title = Wording.render(pick(headlines), slots, random);
            }
            List<String> paragraphs = new ArrayList<>(original.draft.paragraphs());
            trimEnding(paragraphs, original.draft.wordCount());
            List<String> unused = new ArrayList<>(event.kind.bodies());
            if (event.isFollowUp()) {
                unused.addAll(event.kind.followUpBodies());
            }
            unused.removeAll(original.templatesUsed);
            if (!unused.isEmpty()) {
                String added = Wording.render(pick(unused), slots, random);
                paragraphs.add(1 + random.nextInt(paragraphs.size()), added);
            }
            for (int typos = 1 + random.nextInt(1 + Math.min(3, original.draft.wordCount() / 250)); typos > 0; typos--) {
                int p = random.nextInt(paragraphs.size());
                paragraphs.set(p, withTypo(paragraphs.get(p)));
            }
            List<String> boilerplate = new ArrayList<>(vocabulary.generic().boilerplate());
            Collections.shuffle(boilerplate, random);
            int lines = 1 + random.nextInt(2);
            for (int i = 0; i < lines && i < boilerplate.size(); i++) {
                paragraphs.add(Wording.render(boilerplate.get(i), slots, random));
            }
            String url = url(outlet, pick(event.kind.sections()), title);
            return new ArticleDraft(url, title, paragraphs, outlet.name(), published, event.key, event.storylineKey, original.draft.url());
        }

        /** Drops the last paragraph or two of a long story, or the last sentence of a medium one; short ones keep their end. */
        private void trimEnding(List<String> paragraphs, int words) {
            if (words < 300) {
                return;
            }
            if (paragraphs.size() > 5) {
                int drop = 1 + random.nextInt(Math.min(2, paragraphs.size() - 5));
                paragraphs.subList(paragraphs.size() - drop, paragraphs.size()).clear();
                return;
            }
            int last = paragraphs.size() - 1;
            String text = paragraphs.get(last);
            int cut = text.lastIndexOf(". ", text.length() - 2);
            if (last > 0 && cut > 0) {
                paragraphs.set(last, text.substring(0, cut + 1));
            }
        }

        /** A letter swapped, dropped or doubled in one longer word. */
        private String withTypo(String paragraph) {
            String[] words = paragraph.split(" ");
            for (int attempt = 0; attempt < 20; attempt++) {
                int w = random.nextInt(words.length);
                String word = words[w];
                if (word.length() < 5 || !word.chars().allMatch(Character::isLetter)) {
                    continue;
                }
                int i = 1 + random.nextInt(word.length() - 3);
                words[w] = switch (random.nextInt(3)) {
                    case 0 -> word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2);
                    case 1 -> word.substring(0, i) + word.substring(i + 1);
                    default -> word.substring(0, i) + word.charAt(i) + word.substring(i);
                };
                return String.join(" ", words);
            }
            return paragraph;
        }

        private Map<String, String> articleSlots(NewsEvent event, Outlet outlet) {
            Map<String, String> slots = new HashMap<>(event.slots);
            slots.put("outlet", outlet.name());
            slots.put("wire", outlet.isWire() ? outlet.name() : pick(wires).name());
            return slots;
        }

        /** Mostly 400-800 words, a tail of short briefs and long features, clipped to 150-1000. */
        private int targetWords() {
            double words = 615 + random.nextGaussian() * 220;
            return (int) Math.max(MIN_WORDS, Math.min(MAX_WORDS, words));
        }

        private String url(Outlet outlet, String section, String title) {
            StringBuilder slug = new StringBuilder();
            int words = 0;
            for (String word : title.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (words++ == 8) {
                    break;
                }
                slug.append(word).append('-');
            }
            return "https://" + outlet.domain() + "/" + section + "/" + slug + Long.toString(1_000_000L + sequence, 36);
        }

        private <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }
    }
}
