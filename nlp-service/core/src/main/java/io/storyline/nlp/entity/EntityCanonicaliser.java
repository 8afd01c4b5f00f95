package io.storyline.nlp.entity;

import io.storyline.events.EntityType;
import io.storyline.events.NamedEntity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the mentions found in one article into its entities: an alias becomes its table name and takes the
 * table's type; a person's partial name becomes the longest person name of the article that ends with it
 * ("Putin" and "Vladimir Putin" are "Vladimir Putin"); every other name stands for itself. Mentions of one
 * canonical name make one entity, typed by the model's votes (counted double) and the matches', with its
 * surface forms (whitespace normalised) most frequent first; entities come most mentioned first. A name of
 * several words that the {@link PlaceGazetteer} knows is a place, though the model voted it a person or misc.
 */
public final class EntityCanonicaliser {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * One occurrence of a name in the analysed document.
     *
     * @param form    the name's tokens joined by single spaces, without leading articles or titles
     * @param surface the document's text of the mention, as written
     * @param begin   character offset in the analysed document (title, blank line, text)
     * @param end     end offset, exclusive
     * @param byModel whether the model labelled it (else a known name was matched)
     */
    public record Mention(String form, String surface, EntityType type, int begin, int end, boolean byModel) {
    }

    private final AliasTable aliases;
    private final PlaceGazetteer places;

    public EntityCanonicaliser(AliasTable aliases, PlaceGazetteer places) {
        this.aliases = aliases;
        this.places = places;
    }

    /** The article's entities; {@code titleEnd} is where the headline ends in the analysed document. */
    public List<NamedEntity> canonicalise(List<Mention> mentions, int titleEnd) {
        List<Mention> inOrder = new ArrayList<>(mentions);
        inOrder.sort(Comparator.comparingInt(Mention::begin));
        Map<String, String> personNames = resolvePersons(inOrder);
        Map<String, Cluster> clusters = new LinkedHashMap<>();
        for (Mention m : inOrder) {
            AliasTable.Alias alias = aliases.lookup(m.form()).orElse(null);
            String canonical;
            if (alias != null) {
                canonical = alias.canonical();
            } else if (m.type() == EntityType.PERSON) {
                canonical = personNames.getOrDefault(m.form(), m.form());
            } else {
                canonical = m.form();
            }
            Cluster c = clusters.computeIfAbsent(canonical, Cluster::new);
            if (alias != null) {
                c.fixedType = alias.type();
            }
            c.votes.merge(m.type(), m.byModel() ? 2 : 1, Integer::sum);
            c.surfaces.merge(normalise(m.surface()), 1, Integer::sum);
            c.mentions++;
            if (m.begin() < c.firstBegin) {
                c.firstBegin = m.begin();
                c.firstEnd = m.end();
            }
            c.inHeadline |= m.begin() < titleEnd;
        }
        List<NamedEntity> entities = new ArrayList<>(clusters.size());
        for (Cluster c : clusters.values()) {
            List<String> forms = c.surfaces.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .map(Map.Entry::getKey).toList();
            EntityType type = c.type();
            if (c.fixedType == null && (type == EntityType.PERSON || type == EntityType.MISC) && places.isPlace(c.canonical)) {
                type = EntityType.LOCATION;
            }
            entities.add(new NamedEntity(c.canonical, type, forms, c.mentions, c.firstBegin, c.firstEnd,
                    c.inHeadline));
        }
        entities.sort(Comparator.comparingInt(NamedEntity::mentions).reversed()
                .thenComparingInt(NamedEntity::firstBegin));
        return List.copyOf(entities);
    }

    /** The mentions of one canonical name. */
    private static final class Cluster {
        final String canonical;
        EntityType fixedType;
        final Map<EntityType, Integer> votes = new EnumMap<>(EntityType.class);
        final Map<String, Integer> surfaces = new LinkedHashMap<>();
        int mentions;
        int firstBegin = Integer.MAX_VALUE;
        int firstEnd;
        boolean inHeadline;

        Cluster(String canonical) {
            this.canonical = canonical;
        }

        /** The alias table's type, else the most votes; a tie goes to the type declared first in EntityType. */
        EntityType type() {
            if (fixedType != null) {
                return fixedType;
            }
            return votes.entrySet().stream()
                    .max(Map.Entry.<EntityType, Integer>comparingByValue()
                            .thenComparing(e -> -e.getKey().ordinal()))
                    .map(Map.Entry::getKey).orElse(EntityType.MISC);
        }
    }

    /**
     * Maps each person form to the longest person form of the article that ends with it ("Putin" and
     * "Vladimir Putin" to "Vladimir Putin"); with several candidates the most mentioned, then the first.
     */
    private Map<String, String> resolvePersons(List<Mention> mentions) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Mention m : mentions) {
            if (m.type() == EntityType.PERSON && aliases.lookup(m.form()).isEmpty()) {
                counts.merge(m.form(), 1, Integer::sum);
            }
        }
        Map<String, String> resolved = new HashMap<>();
        List<String> forms = new ArrayList<>(counts.keySet());
        for (String form : forms) {
            String[] words = form.split(" ");
            String best = form;
            int bestLength = words.length;
            for (String candidate : forms) {
                String[] cw = candidate.split(" ");
                if (cw.length <= words.length || !endsWith(cw, words)) {
                    continue;
                }
                if (cw.length > bestLength || (cw.length == bestLength && counts.get(candidate) > counts.get(best))) {
                    best = candidate;
                    bestLength = cw.length;
                }
            }
            resolved.put(form, best);
        }
        return resolved;
    }

    private static boolean endsWith(String[] longer, String[] suffix) {
        int offset = longer.length - suffix.length;
        for (int k = 0; k < suffix.length; k++) {
            if (!longer[offset + k].equals(suffix[k])) {
                return false;
            }
        }
        return true;
    }

    /** A surface form with every run of whitespace (line breaks, tabs, double spaces) as one space. */
    static String normalise(String surface) {
        for (int i = 0; i < surface.length(); i++) {
            char c = surface.charAt(i);
            if (Character.isWhitespace(c) && (c != ' ' || (i + 1 < surface.length()
                    && Character.isWhitespace(surface.charAt(i + 1))))) {
                return WHITESPACE.matcher(surface).replaceAll(" ");
            }
        }
        return surface;
    }
}
