package io.storyline.nlp.entity;

import io.storyline.events.EntityType;

import io.storyline.nlp.text.TabSeparatedRows;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documented alias table ({@code aliases.tsv}): country names, demonyms and common abbreviations with
 * the canonical name every article uses for them.
 */
public final class AliasTable {
    /** What an alias stands for. */
    public record Alias(String canonical, EntityType type) {
    }

    private final Map<String, Alias> exact;
    private final Map<String, Alias> folded;

    private AliasTable(Map<String, Alias> exact, Map<String, Alias> folded) {
        this.exact = exact;
        this.folded = folded;
    }

    public static AliasTable standard() {
        return of(TabSeparatedRows.resource(AliasTable.class, "aliases.tsv", 3));
    }

    private static AliasTable of(List<String[]> rows) {
        Map<String, Alias> exact = new HashMap<>();
        Map<String, Alias> folded = new HashMap<>();
        for (String[] fields : rows) {
            Alias alias = new Alias(fields[0].trim(), EntityType.valueOf(fields[1].trim()));
            add(exact, folded, alias.canonical(), alias);
            for (String form : fields[2].split("\\|")) {
                if (!form.isBlank()) {
                    add(exact, folded, form.trim(), alias);
                }
            }
        }
        return new AliasTable(Collections.unmodifiableMap(exact), Collections.unmodifiableMap(folded));
    }

    private static void add(Map<String, Alias> exact, Map<String, Alias> folded, String form, Alias alias) {
        exact.putIfAbsent(form, alias);
        if (form.length() > 3) {
            folded.putIfAbsent(form.toUpperCase(Locale.ROOT), alias);
        }
    }

    /** The alias {@code form} (tokens joined by single spaces) stands for, if any. */
    public Optional<Alias> lookup(String form) {
        Alias alias = exact.get(form);
        if (alias == null && form.length() > 3) {
            alias = folded.get(form.toUpperCase(Locale.ROOT));
        }
        return Optional.ofNullable(alias);
    }

    /** Every form in the table, canonical names included. */
    public Map<String, Alias> forms() {
        return exact;
    }
}
