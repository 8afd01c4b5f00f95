package io.storyline.local.load;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Java Flight Recorder on the running services and the broker, started and dumped with jcmd (they are
 * separate JVMs), and a summary of where each one spent its CPU: the hottest methods on top of the
 * stack, and the Storyline (for the broker: Kafka) methods under which most samples fall.
 */
final class FlightRecordings {

    /** Hot spots of one recording. */
    record HotSpots(String service, Path file, long samples, Map<String, Long> topFrames, Map<String, Long> ownFrames,
                    Map<String, Long> threads) {
    }

    private static final String NAME = "storyline-bench";
    static final String BROKER = "kafka-broker";

    private final Path dir;
    private final Map<String, Long> pids = new LinkedHashMap<>();

    FlightRecordings(Path dir) {
        this.dir = dir;
    }

    /** Starts a profiling recording in every service JVM this process started and in the broker. */
    void start(long brokerPid) throws IOException, InterruptedException {
        ProcessHandle.current().descendants().forEach(p -> {
            String command = p.info().commandLine().orElse("");
            for (String service : List.of("ingest-service", "nlp-service", "dedupe-service")) {
                if (command.contains(service + "/target/quarkus-app")) {
                    pids.put(service, p.pid());
                }
            }
        });
        // by pid: /proc cuts the broker's command line off inside its classpath
        pids.put(BROKER, brokerPid);
        for (var e : pids.entrySet()) {
            jcmd(e.getValue(), "JFR.start", "name=" + NAME, "settings=profile");
        }
    }

    /** Dumps every recording to DIR/<service>.jfr and summarises it. */
    List<HotSpots> stopAndSummarise() throws IOException, InterruptedException {
        List<HotSpots> spots = new java.util.ArrayList<>();
        for (var e : pids.entrySet()) {
            Path file = dir.resolve(e.getKey() + ".jfr");
            jcmd(e.getValue(), "JFR.dump", "name=" + NAME, "filename=" + file);
            jcmd(e.getValue(), "JFR.stop", "name=" + NAME);
            spots.add(summarise(e.getKey(), file));
        }
        return spots;
    }

    static HotSpots summarise(String service, Path file) throws IOException {
        Map<String, Long> top = new HashMap<>();
        Map<String, Long> own = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long samples = 0;
        // the broker's own code is Kafka's: its frames say which part of the broker (log, replica, transactions) worked
        String ownPackage = service.equals(BROKER) ? "kafka." : "io.storyline";
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            top.merge(method(stack.getFrames().get(0)), 1L, Long::sum);
            Optional<RecordedFrame> ownFrame = stack.getFrames().stream()
                    .filter(f -> f.getMethod().getType().getName().startsWith(ownPackage)).findFirst();
            ownFrame.ifPresent(f -> own.merge(method(f), 1L, Long::sum));
            var thread = event.getThread("sampledThread");
            threads.merge(thread == null ? "?" : threadGroup(thread.getJavaName()), 1L, Long::sum);
        }
        return new HotSpots(service, file, samples, topOf(top, 12), topOf(own, 12), topOf(threads, 6));
    }

    /** Thread names without their running number, so a pool counts as one. */
    private static String threadGroup(String name) {
        return name == null ? "?" : name.replaceAll("[-#]?\\d+$", "");
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static Map<String, Long> topOf(Map<String, Long> counts, int n) {
        Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new java.util.ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(pid));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " on " + pid + " failed: " + output);
        }
    }
}
