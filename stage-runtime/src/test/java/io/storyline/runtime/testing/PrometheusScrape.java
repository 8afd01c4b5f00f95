package io.storyline.runtime.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** One read of /q/metrics: the Prometheus text exposition, parsed into samples. */
public record PrometheusScrape(String text) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static PrometheusScrape now() {
        return new PrometheusScrape(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** Sum of the samples of {@code name} whose labels include every one of {@code labels} ("k", "v", ...). */
    public double sum(String name, String... labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.find() || !m.group(1).equals(name)) {
                continue;
            }
            Map<String, String> found = labels(m.group(3));
            boolean matches = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                matches &= labels[i + 1].equals(found.get(labels[i]));
            }
            if (matches) {
                sum += Double.parseDouble(m.group(4));
            }
        }
        return sum;
    }

    /** Every sample name exposed. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text != null) {
            Matcher m = LABEL.matcher(text);
            while (m.find()) {
                labels.put(m.group(1), m.group(2));
            }
        }
        return labels;
    }
}
