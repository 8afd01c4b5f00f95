package io.storyline.local.load;

import java.util.Map;
import java.util.Random;

/**
 * Turns a template line into text. {@code {slot}} is replaced by the slot's value; {@code [a|b|]} picks
 * one alternative at random (an empty one drops the phrase), so two outlets using the same template
 * for the same event still word it differently.
 */
final class Wording {

    private Wording() {
    }

    static String render(String template, Map<String, String> slots, Random random) {
        return fillSlots(pickAlternatives(template, random), slots, template);
    }

    static int words(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    private static String pickAlternatives(String template, Random random) {
        StringBuilder out = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '[') {
                out.append(c);
                i++;
                continue;
            }
            int end = template.indexOf(']', i);
            if (end < 0) {
                throw new IllegalArgumentException("unclosed [ in template: " + template);
            }
            String[] options = template.substring(i + 1, end).split("\\|", -1);
            out.append(options[random.nextInt(options.length)]);
            i = end + 1;
        }
        return out.toString();
    }

    private static String fillSlots(String text, Map<String, String> slots, String template) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int end = text.indexOf('}', i);
            if (end < 0) {
                throw new IllegalArgumentException("unclosed { in template: " + template);
            }
            String name = text.substring(i + 1, end);
            String value = slots.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for slot {" + name + "} in template: " + template);
            }
            out.append(value);
            i = end + 1;
        }
        return tidy(out.toString());
    }

    /** Dropped optional phrases leave double spaces and stray spaces before punctuation. */
    private static String tidy(String text) {
        String t = text.replaceAll(" {2,}", " ").replace(" ,", ",").replace(" .", ".").replace(",,", ",").trim();
        if (!t.isEmpty() && Character.isLowerCase(t.charAt(0))) {
            t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
        }
        return t;
    }
}
