package io.storyline.deploy.kubernetes;

import io.storyline.events.Topic;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Topic names are written down in four places: {@code io.storyline.events.Topic}, every service's
 * application.properties, docs/topics.md and the Kubernetes KafkaTopics. A topic named in a properties file (in any
 * profile, an {@code ${ENV:default}} by its default) must be one of {@code Topic}; {@code Topic}, the docs' table and
 * each overlay's KafkaTopics must list the same topics, with the same cleanup policy and, where the docs state
 * them, the same local partitions and retention.
 */
class TopicConsistencyTest {

    private static final Path DOCS = Path.of("docs/topics.md");
    private static final long DAY_MS = 86_400_000L;
    /** A key whose value names topics: mp.messaging.*.topic, .topics (a comma list), dead-letter-queue.topic, ... */
    private static final Pattern TOPIC_KEY = Pattern.compile(".*\\.topics?");
    private static final Pattern CHANNEL_KEY = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");
    /** A topic name in backticks in the docs' prose, e.g. `news.stories`. */
    private static final Pattern TOPIC_IN_DOCS = Pattern.compile("`(news\\.[a-z0-9.-]+)`");

    static List<String> services() {
        return ServiceConfiguration.SERVICES;
    }

    static List<String> overlays() {
        return RenderedOverlay.OVERLAYS;
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyTopicAnApplicationPropertiesNamesIsATopicOfTheContract(String service) throws IOException {
        List<Path> files = propertiesFiles(service);
        assertThat(files).as(service + " application.properties").isNotEmpty();
        Set<String> contract = contractTopics();
        int named = 0;
        for (Path file : files) {
            Map<String, String> topics = namedTopics(Files.readString(file));
            named += topics.size();
            topics.forEach((key, topic) -> assertThat(contract)
                    .as("%s: %s names topic '%s', which io.storyline.events.Topic does not list",
                            ServiceConfiguration.repositoryRoot().relativize(file), key, topic)
                    .contains(topic));
        }
        assertThat(named).as(service + " names its topics in application.properties").isPositive();
    }

    @Test
    void theDocsListExactlyTheContractsTopicsWithTheirPartitionsAndCleanup() {
        Map<String, DocumentedTopic> documented = documented();
        assertThat(documented.keySet()).as("topics in the table of " + DOCS).containsExactlyInAnyOrderElementsOf(contractTopics());
        for (Topic topic : Topic.values()) {
            DocumentedTopic row = documented.get(topic.topicName());
            String what = DOCS + " " + topic.topicName();
            if (row.partitions() != null) {
                assertThat(row.partitions()).as(what + " partitions (local)").isEqualTo(topic.partitions());
            }
            if (row.cleanup() != null) {
                assertThat(row.cleanup()).as(what + " cleanup").isEqualTo(cleanupPolicy(topic.config()));
            }
            assertThat(row.retentionDays()).as(what + " retention in days (io.storyline.events.Topic: retention.ms)")
                    .isEqualTo(retentionDays(topic.config()));
        }
    }

    @Test
    void everyTopicTheDocsNameIsATopicOfTheContract() throws IOException {
        Set<String> named = new TreeSet<>();
        Matcher m = TOPIC_IN_DOCS.matcher(Files.readString(ServiceConfiguration.repositoryRoot().resolve(DOCS)));
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(contractTopics()).as("topics named in " + DOCS).containsAll(named);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaTopicsAreTheDocumentedTopicsWithTheirCleanup(String overlay) {
        Map<String, KafkaTopic> resources = ServiceConsistencyTest.topicsByName(RenderedOverlay.of(overlay));
        Map<String, DocumentedTopic> documented = documented();
        assertThat(resources.keySet()).as(overlay + " KafkaTopics against " + DOCS).containsExactlyInAnyOrderElementsOf(documented.keySet());
        for (DocumentedTopic row : documented.values()) {
            KafkaTopic resource = resources.get(row.name());
            String what = overlay + " KafkaTopic " + row.name();
            Map<String, String> config = new TreeMap<>();
            resource.getSpec().getConfig().forEach((k, v) -> config.put(k, String.valueOf(v)));
            Topic topic = contract().get(row.name());
            if (topic != null) {
                assertThat(cleanupPolicy(config)).as(what + " cleanup.policy").isEqualTo(cleanupPolicy(topic.config()));
            }
            if (row.cleanup() != null) {
                assertThat(cleanupPolicy(config)).as(what + " cleanup.policy against " + DOCS).isEqualTo(row.cleanup());
            }
            if (row.retentionDays() != null) {
                assertThat(retentionDays(config)).as(what + " retention.ms against " + DOCS).isEqualTo(row.retentionDays());
            }
            if (row.partitions() != null) {
                // the docs give the local partitions; a cluster may have more, never fewer
                assertThat(resource.getSpec().getPartitions()).as(what + " partitions").isGreaterThanOrEqualTo(row.partitions());
            }
        }
    }

    // --- the readers, checked on their own so that the checks above cannot pass by reading nothing

    @Test
    void propertiesNameTopicsByValueByDefaultAndByChannelName() {
        Map<String, String> topics = namedTopics("""
                mp.messaging.outgoing.out.topic=${OUT_TOPIC:news.typo}
                %prod.mp.messaging.incoming.in.topics=news.a, ${B:${C:news.b}}, ${D:news.c,news.d}
                %dev.mp.messaging.incoming.in.topics=${E:news.e}, ${F:news.f}
                mp.messaging.incoming.in.dead-letter-queue.topic=news.dead
                storyline.board.feed.topic=news.board
                mp.messaging.outgoing.unnamed.merge=true
                mp.messaging.incoming.memory.connector=smallrye-in-memory
                quarkus.http.port=8080
                """);
        assertThat(topics).containsExactlyInAnyOrderEntriesOf(Map.of(
                "mp.messaging.outgoing.out.topic", "news.typo",
                "%prod.mp.messaging.incoming.in.topics[0]", "news.a",
                "%prod.mp.messaging.incoming.in.topics[1]", "news.b",
                "%prod.mp.messaging.incoming.in.topics[2]", "news.c",
                "%prod.mp.messaging.incoming.in.topics[3]", "news.d",
                "%dev.mp.messaging.incoming.in.topics[0]", "news.e",
                "%dev.mp.messaging.incoming.in.topics[1]", "news.f",
                "mp.messaging.incoming.in.dead-letter-queue.topic", "news.dead",
                "storyline.board.feed.topic", "news.board",
                "mp.messaging.outgoing.unnamed (channel name)", "unnamed"));
        assertThat(contractTopics()).doesNotContain("news.typo");
    }

    @Test
    void aTopicOnlyTheEnvironmentNamesCannotBeChecked() {
        assertThatThrownBy(() -> namedTopics("mp.messaging.outgoing.out.topic=${OUT_TOPIC}"))
                .hasMessageContaining("mp.messaging.outgoing.out.topic").hasMessageContaining("no default");
        assertThatThrownBy(() -> namedTopics("mp.messaging.outgoing.out.topic=news.${ENV:dev}.out"))
                .hasMessageContaining("mp.messaging.outgoing.out.topic");
    }

    @Test
    void theDocsTableIsReadByItsHeader() {
        Map<String, DocumentedTopic> rows = DocumentedTopic.parse("""
                Some prose.

                | topic | key | partitions (local) | cleanup |
                |---|---|---|---|
                | `news.a` | id | 3 | delete |
                | `news.b` | id | 1 | delete, 14 days |
                | `news.c` | id | 3 | **compact** |

                | header | meaning |
                |---|---|
                | `x` | not a topic |
                """);
        assertThat(rows).containsOnlyKeys("news.a", "news.b", "news.c");
        assertThat(rows.get("news.a")).isEqualTo(new DocumentedTopic("news.a", 3, "delete", null));
        assertThat(rows.get("news.b")).isEqualTo(new DocumentedTopic("news.b", 1, "delete", 14));
        assertThat(rows.get("news.c")).isEqualTo(new DocumentedTopic("news.c", 3, "compact", null));
    }

    // --- helpers

    private static Map<String, Topic> contract() {
        return Arrays.stream(Topic.values()).collect(Collectors.toMap(Topic::topicName, t -> t, (a, b) -> a, TreeMap::new));
    }

    private static Set<String> contractTopics() {
        return contract().keySet();
    }

    private static Map<String, DocumentedTopic> documented() {
        try {
            Map<String, DocumentedTopic> rows = DocumentedTopic.parse(Files.readString(ServiceConfiguration.repositoryRoot().resolve(DOCS)));
            assertThat(rows).as(DOCS + " has a table of topics (header: | topic | ...)").isNotEmpty();
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cleanupPolicy(Map<String, String> config) {
        return config.getOrDefault("cleanup.policy", "delete");
    }

    private static Integer retentionDays(Map<String, String> config) {
        String ms = config.get("retention.ms");
        if (ms == null) {
            return null;
        }
        long value = Long.parseLong(ms);
        assertThat(value % DAY_MS).as("retention.ms " + ms + " is whole days").isZero();
        return Math.toIntExact(value / DAY_MS);
    }

    /** Every application*.properties of a service, main and test. */
    private static List<Path> propertiesFiles(String service) throws IOException {
        Path src = ServiceConfiguration.repositoryRoot().resolve(service).resolve("src");
        try (Stream<Path> walk = Files.walk(src)) {
            return walk.filter(p -> p.getParent().getFileName().toString().equals("resources")
                            && p.getFileName().toString().matches("application(-[^.]+)?\\.properties"))
                    .sorted().toList();
        }
    }

    /**
     * The topics a properties text names, by the key (with its profile) that names each: values of keys ending in
     * .topic or .topics (an {@code ${ENV:default}} by its default), and the channel name of a Kafka channel that
     * sets neither (SmallRye then uses the channel name as the topic).
     */
    static Map<String, String> namedTopics(String propertiesText) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(propertiesText));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> topics = new LinkedHashMap<>();
        Map<String, Boolean> kafkaChannelWithoutTopic = new TreeMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String unprofiled = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            String value = properties.getProperty(key).trim();
            Matcher channel = CHANNEL_KEY.matcher(unprofiled);
            if (channel.matches()) {
                String name = channel.group(1) + "." + channel.group(2);
                String attribute = channel.group(3);
                boolean named = attribute.equals("topic") || attribute.equals("topics");
                boolean notKafka = attribute.equals("connector") && !value.equals("smallrye-kafka");
                kafkaChannelWithoutTopic.merge(name, !(named || notKafka), Boolean::logicalAnd);
            }
            if (!TOPIC_KEY.matcher(unprofiled).matches()) {
                continue;
            }
            if (unprofiled.endsWith(".topics")) {
                List<String> names = commaList(withDefaults(key, value, true));
                for (int i = 0; i < names.size(); i++) {
                    topics.put(key + "[" + i + "]", names.get(i));
                }
            } else {
                topics.put(key, withDefaults(key, value, false));
            }
        }
        kafkaChannelWithoutTopic.forEach((channel, unnamed) -> {
            if (unnamed) {
                topics.put("mp.messaging." + channel + " (channel name)", channel.substring(channel.indexOf('.') + 1));
            }
        });
        return topics;
    }

    /**
     * A value that is a topic name or an {@code ${NAME:default}} of one (nested defaults followed); in a list, each
     * element is. A name without a default, or one built from pieces, cannot be checked and is an error.
     */
    private static String withDefaults(String key, String value, boolean list) {
        Expression expression = Expression.of(value);
        if (list && expression == null) {
            return String.join(",", commaList(value).stream().map(v -> withDefaults(key, v, false)).toList());
        }
        if (expression == null) {
            if (value.contains("${")) {
                throw new AssertionError(key + "=" + value + ": a topic built from an expression cannot be checked;"
                        + " give the whole name as ${ENV:default}");
            }
            return value;
        }
        if (expression.fallback() == null) {
            throw new AssertionError(key + "=" + value + ": a topic with no default cannot be checked against Topic");
        }
        return withDefaults(key, expression.fallback().strip(), list);
    }

    /** A value that is one whole {@code ${name}} or {@code ${name:fallback}} (the fallback may hold expressions). */
    private record Expression(String name, String fallback) {
        static Expression of(String value) {
            if (!value.startsWith("${")) {
                return null;
            }
            int depth = 0;
            for (int i = 1; i < value.length(); i++) {
                char c = value.charAt(i);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                if (depth == 0) {
                    if (i != value.length() - 1) {
                        return null;
                    }
                    String inner = value.substring(2, i);
                    int colon = inner.indexOf(':');
                    return colon < 0 ? new Expression(inner, null) : new Expression(inner.substring(0, colon), inner.substring(colon + 1));
                }
            }
            return null;
        }
    }

    /** The elements of a comma-separated list, commas inside {@code ${...}} kept. */
    private static List<String> commaList(String value) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (c == ',' && depth == 0) {
                out.add(value.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(value.substring(start).strip());
        return out.stream().filter(t -> !t.isEmpty()).toList();
    }

    /** A row of the topic table of docs/topics.md; partitions, cleanup policy and retention are null when not stated. */
    record DocumentedTopic(String name, Integer partitions, String cleanup, Integer retentionDays) {
        private static final Pattern DAYS = Pattern.compile("(\\d+)\\s+days?");

        /** The rows of the first table whose header's first column is "topic". */
        static Map<String, DocumentedTopic> parse(String markdown) {
            Map<String, DocumentedTopic> rows = new LinkedHashMap<>();
            List<String> header = null;
            for (String line : markdown.lines().map(String::strip).toList()) {
                if (!line.startsWith("|")) {
                    if (header != null) {
                        break;
                    }
                    continue;
                }
                List<String> cells = cells(line);
                if (header == null) {
                    if (cells.get(0).equals("topic")) {
                        header = cells;
                    }
                    continue;
                }
                if (cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
                    continue;
                }
                String name = cell(header, cells, "topic");
                String partitions = cell(header, cells, "partitions (local)");
                String cleanup = cell(header, cells, "cleanup");
                Matcher days = cleanup == null ? null : DAYS.matcher(cleanup);
                rows.put(name, new DocumentedTopic(name,
                        partitions == null ? null : Integer.valueOf(partitions),
                        cleanup == null ? null : cleanup.split(",")[0].strip(),
                        days != null && days.find() ? Integer.valueOf(days.group(1)) : null));
            }
            return rows;
        }

        private static List<String> cells(String line) {
            String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
            List<String> cells = new ArrayList<>();
            for (String cell : inner.split("\\|", -1)) {
                cells.add(cell.replace("`", "").replace("*", "").strip());
            }
            return cells;
        }

        private static String cell(List<String> header, List<String> cells, String column) {
            int i = header.indexOf(column);
            return i < 0 || i >= cells.size() || cells.get(i).isEmpty() ? null : cells.get(i);
        }
    }
}
