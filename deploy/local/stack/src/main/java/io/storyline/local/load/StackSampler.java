package io.storyline.local.load;

import io.storyline.events.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Once a second: each service's CPU and heap (its /q/metrics), each process's CPU time (broker
 * included, from the OS), topic end offsets, and the consumer groups' committed offsets and lag.
 */
final class StackSampler implements AutoCloseable {

    /** What one service looked like at one moment; -1 where unknown. */
    record ServiceSample(double cpuUsage, double systemCpuUsage, long heapUsed, long heapMax, long cpuMillis,
                         double nerSequencesByModel, double nerSequencesFromCache) {
        ServiceSample(double cpuUsage, double systemCpuUsage, long heapUsed, long heapMax, long cpuMillis) {
            this(cpuUsage, systemCpuUsage, heapUsed, heapMax, cpuMillis, -1, -1);
        }
    }

    /** One moment of the stack. */
    record Sample(long millis, Map<String, ServiceSample> services, Map<String, Long> processCpuMillis,
                  long rawEnd, long enrichedEnd, long nlpCommitted, long dedupeCommitted,
                  long nlpLag, long dedupeLag, int accepted, int clustered, int storied) {
    }

    /** A consumer group and the topic it reads. */
    record Group(String id, Topic topic) {
    }

    static final Group NLP = new Group("nlp-service", Topic.ARTICLES_RAW);
    static final Group DEDUPE = new Group("dedupe-service", Topic.ARTICLES_ENRICHED);

    private final HttpClient http;
    private final Map<String, String> serviceUrls;
    private final Admin admin;
    private final IntSupplier accepted;
    private final IntSupplier clustered;
    private final IntSupplier storied;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stack-sampler");
        t.setDaemon(true);
        return t;
    });

    StackSampler(HttpClient http, Map<String, String> serviceUrls, String bootstrapServers,
                 IntSupplier accepted, IntSupplier clustered, IntSupplier storied) {
        this.http = http;
        this.serviceUrls = serviceUrls;
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "storyline-bench-sampler");
        this.admin = Admin.create(config);
        this.accepted = accepted;
        this.clustered = clustered;
        this.storied = storied;
    }

    void start() {
        timer.scheduleAtFixedRate(this::sampleQuietly, 0, 1, TimeUnit.SECONDS);
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    private void sampleQuietly() {
        try {
            Sample sample = sample();
            synchronized (this) {
                samples.add(sample);
            }
        } catch (Exception e) {
            // a missed second is visible as a gap in the series; the run goes on
        }
    }

    private Sample sample() throws Exception {
        long now = System.currentTimeMillis();
        Map<String, Long> cpu = processCpuMillis();
        Map<String, ServiceSample> services = new LinkedHashMap<>();
        for (var service : serviceUrls.entrySet()) {
            services.put(service.getKey(), metrics(service.getValue(), cpu.getOrDefault(service.getKey(), -1L)));
        }
        Map<TopicPartition, Long> ends = endOffsets(List.of(Topic.ARTICLES_RAW, Topic.ARTICLES_ENRICHED));
        long rawEnd = sum(ends, Topic.ARTICLES_RAW);
        long enrichedEnd = sum(ends, Topic.ARTICLES_ENRICHED);
        long nlpCommitted = committed(NLP);
        long dedupeCommitted = committed(DEDUPE);
        return new Sample(now, services, cpu, rawEnd, enrichedEnd, nlpCommitted, dedupeCommitted,
                Math.max(0, rawEnd - nlpCommitted), Math.max(0, enrichedEnd - dedupeCommitted),
                accepted.getAsInt(), clustered.getAsInt(), storied.getAsInt());
    }

    /** CPU time of this JVM and every process it started: services by name, the broker, and the benchmark itself. */
    static Map<String, Long> processCpuMillis() {
        Map<String, Long> cpu = new HashMap<>();
        ProcessHandle.current().info().totalCpuDuration().ifPresent(d -> cpu.put("benchmark", d.toMillis()));
        ProcessHandle.current().descendants().forEach(p -> {
            String command = p.info().commandLine().orElse("");
            String name = command.contains("ingest-service") ? "ingest-service"
                    : command.contains("nlp-service") ? "nlp-service"
                    : command.contains("dedupe-service") ? "dedupe-service"
                    // the broker's command line is cut off (/proc keeps 4 KiB) before its main class, but its classpath names Kafka
                    : command.contains("kafka") && !command.contains("jcmd") ? "kafka-broker" : null;
            if (name != null) {
                p.info().totalCpuDuration().ifPresent(d -> cpu.merge(name, d.toMillis(), Long::sum));
            }
        });
        return cpu;
    }

    private ServiceSample metrics(String baseUrl, long cpuMillis) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                    .timeout(Duration.ofSeconds(2)).header("Accept", "text/plain").GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new ServiceSample(-1, -1, -1, -1, cpuMillis);
            }
            PrometheusText text = PrometheusText.parse(response.body());
            // nlp's NER work: sentences and windows labelled by the model or answered from its cache (-1 elsewhere)
            return new ServiceSample(text.value("process_cpu_usage"), text.value("system_cpu_usage"),
                    (long) text.sum("jvm_memory_used_bytes", "area=\"heap\""),
                    (long) text.sum("jvm_memory_max_bytes", "area=\"heap\""), cpuMillis,
                    text.sum("storyline_nlp_ner_sequences_total", "source=\"model\""),
                    text.sum("storyline_nlp_ner_sequences_total", "source=\"cache\""));
        } catch (Exception e) {
            return new ServiceSample(-1, -1, -1, -1, cpuMillis);
        }
    }

    private Map<TopicPartition, Long> endOffsets(List<Topic> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (Topic topic : topics) {
            for (int p = 0; p < topic.partitions(); p++) {
                request.put(new TopicPartition(topic.topicName(), p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (var e : admin.listOffsets(request).all().get(5, TimeUnit.SECONDS).entrySet()) {
            ListOffsetsResult.ListOffsetsResultInfo info = e.getValue();
            ends.put(e.getKey(), info.offset());
        }
        return ends;
    }

    private long committed(Group group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.id())
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        long total = 0;
        for (var e : offsets.entrySet()) {
            if (e.getKey().topic().equals(group.topic().topicName()) && e.getValue() != null) {
                total += e.getValue().offset();
            }
        }
        return total;
    }

    private static long sum(Map<TopicPartition, Long> offsets, Topic topic) {
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic.topicName()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        admin.close(Duration.ofSeconds(5));
    }
}
