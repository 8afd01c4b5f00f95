package io.storyline.dedupe.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver HTTP protocol, spoken directly with the JDK's HTTP
 * client: the few commands a page test needs (navigate, run a script, click, screenshot) without a Selenium
 * dependency in this module. Debian's {@code chromium} and {@code chromium-driver} packages provide the two programs
 * (.ci/run installs them); {@code -Dstoryline.chromium} and {@code -Dstoryline.chromedriver} point elsewhere.
 */
final class Chromium implements AutoCloseable {

    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Process driver;
    private final String base;
    private final String session;

    private Chromium(Process driver, String base, String session) {
        this.driver = driver;
        this.base = base;
        this.session = session;
    }

    /** Starts chromedriver on a free port and opens a headless browser session with an empty profile. */
    static Chromium start(Path logDirectory) throws IOException, InterruptedException {
        Path chromium = Path.of(System.getProperty("storyline.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("storyline.chromedriver", "/usr/bin/chromedriver"));
        for (Path program : List.of(chromium, chromedriver)) {
            if (!Files.isExecutable(program)) {
                throw new IllegalStateException(program + " is missing: install Debian's chromium and chromium-driver "
                        + "(apt-get install chromium chromium-driver, as .ci/run does)");
            }
        }
        Files.createDirectories(logDirectory);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process driver = new ProcessBuilder(chromedriver.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(logDirectory.resolve("chromedriver-board.log").toFile()).start();
        String base = "http://127.0.0.1:" + port;
        Chromium probe = new Chromium(driver, base, null);
        try {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> probe.call("GET", "/status", null).path("ready").asBoolean());
            ObjectNode options = probe.json.createObjectNode();
            options.put("binary", chromium.toString());
            options.putArray("args").add("--headless=new").add("--no-sandbox").add("--disable-gpu")
                    .add("--disable-dev-shm-usage").add("--no-first-run").add("--disable-background-networking")
                    .add("--disable-component-update").add("--disable-sync").add("--lang=en-US")
                    .add("--window-size=1280,1000")
                    .add("--user-data-dir=" + Files.createTempDirectory("storyline-board-chromium-"));
            ObjectNode capabilities = probe.json.createObjectNode();
            capabilities.putObject("capabilities").putObject("alwaysMatch")
                    .put("browserName", "chrome").set("goog:chromeOptions", options);
            String session = probe.call("POST", "/session", capabilities).path("sessionId").asText();
            return new Chromium(driver, base, session);
        } catch (RuntimeException | IOException | InterruptedException e) {
            driver.destroy();
            throw e;
        }
    }

    void navigate(String url) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("url", url);
        command("POST", "/url", body);
    }

    /** Runs a script in the page ({@code return ...} gives a value) and gives its result as JSON. */
    JsonNode script(String script) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("script", script);
        body.putArray("args");
        return command("POST", "/execute/sync", body);
    }

    /** Clicks the first element the CSS selector finds, as a user would (scrolled into view, at its centre). */
    void click(String selector) throws IOException, InterruptedException {
        ObjectNode find = json.createObjectNode().put("using", "css selector").put("value", selector);
        String element = command("POST", "/element", find).path(ELEMENT).asText();
        command("POST", "/element/" + element + "/click", json.createObjectNode());
    }

    /** Whether an alert, confirm or prompt is open. */
    boolean alertOpen() throws IOException, InterruptedException {
        try {
            command("GET", "/alert/text", null);
            return true;
        } catch (WebDriverError e) {
            if ("no such alert".equals(e.error)) {
                return false;
            }
            throw e;
        }
    }

    void screenshot(Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(command("GET", "/screenshot", null).asText()));
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } catch (IOException | RuntimeException e) {
            // the driver is ended below either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            driver.destroy();
        }
    }

    private JsonNode command(String method, String path, JsonNode body) throws IOException, InterruptedException {
        return call(method, "/session/" + session + path, body);
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode value = json.readTree(response.body()).path("value");
        if (response.statusCode() != 200) {
            throw new WebDriverError(value.path("error").asText(), method + " " + path + ": " + value.path("message").asText());
        }
        return value;
    }

    /** An error the driver answered with, e.g. "no such element" or "stale element reference". */
    static final class WebDriverError extends RuntimeException {
        final String error;

        WebDriverError(String error, String message) {
            super(error + ": " + message);
            this.error = error;
        }
    }
}
