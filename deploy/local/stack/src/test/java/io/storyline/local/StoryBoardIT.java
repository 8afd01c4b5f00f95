package io.storyline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storyline.events.EventJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The story board in a real browser (headless Chromium) against the whole local stack: the seeds go in over
 * ingest, their stories appear on the open page without a reload, the largest one lists its four articles, and an
 * article title carrying a script tag is shown as text. Screenshots land in target/.
 */
class StoryBoardIT {

    private static final Path REPO = Path.of(System.getProperty("storyline.repo", "../../..")).toAbsolutePath().normalize();
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final Duration PIPELINE = Duration.ofMinutes(4);

    private static LocalStack stack;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("storyline-board-");
        stack = LocalStack.start(new StackOptions(REPO, data, 0, 0, 0, 0), step -> System.out.println("board-it: " + step));
        browser = chromium(Files.createTempDirectory("storyline-chromium-"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void storiesFormLiveOnTheBoardAndArticleTextStaysText() throws Exception {
        String board = stack.baseUrl(LocalStack.DEDUPE) + "/";
        browser.get(board);
        WebDriverWait wait = new WebDriverWait(browser, PIPELINE, Duration.ofMillis(250));
        wait.until(b -> "Live".equals(text(By.id("connection"))));
        assertThat(cards()).as("a fresh stack has no stories").isEmpty();
        // survives only if the page is never reloaded
        js("window.storylineBoardSession = 'seeded'");

        List<FileIngest.Receipt> receipts = FileIngest.ingestDirectory(stack.http(), stack.ingestUrl(), REPO.resolve("seeds"));
        assertThat(receipts).hasSize(5).allSatisfy(r -> assertThat(r.status()).isEqualTo("accepted"));

        // the five seeds settle into their stories: 000, 001, 003, 004 (13 April call) and 002 (26 January call)
        wait.withMessage(() -> "cards on the board: " + cardSummary())
                .until(b -> articlesOnBoard() == receipts.size());
        assertThat(js("return window.storylineBoardSession")).as("the page was not reloaded").isEqualTo("seeded");
        assertThat(cards()).as("event chapters: " + cardSummary()).hasSize(2);
        // chapters run oldest first inside a storyline, so the order depends on how the events are linked
        assertThat(counts()).as("event chapters: " + cardSummary()).containsExactlyInAnyOrder(4, 1);

        String firstStory = cards().stream().filter(c -> c.articles() == 4).findFirst().orElseThrow().id();
        open(wait, firstStory);
        wait.until(b -> b.findElement(By.id("detail")).isDisplayed()
                && b.findElements(By.cssSelector("#detail-articles .article")).size() == 4);
        @SuppressWarnings("unchecked")
        List<String> listed = (List<String>) js("return Array.from(document.querySelectorAll('#detail-articles .article')).map(a => a.dataset.articleId)");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(receipts.stream()
                .filter(r -> !r.name().contains("/002_"))
                .map(FileIngest.Receipt::articleId).toList());
        assertThat(browser.getCurrentUrl()).endsWith("#story/" + URLEncoder.encode(firstStory, StandardCharsets.UTF_8));
        screenshot("board-story.png");

        browser.findElement(By.id("back")).click();
        wait.until(b -> b.findElement(By.id("board")).isDisplayed());

        // ingest turns markup in a title into text, so an attacker sends it escaped: the title then holds a literal tag
        String title = "Harbour bridge reopens &lt;script&gt;alert(1)&lt;/script&gt; after the storm";
        String articleId = submitArticle(title);
        wait.withMessage(() -> "no card for the scripted title; cards: " + cardSummary())
                .until(b -> headlines().stream().anyMatch(h -> h.contains(SCRIPT)));
        Card scripted = cards().stream().filter(c -> c.headline().contains(SCRIPT)).findFirst().orElseThrow();
        assertThat(scripted.headline()).isEqualTo("Harbour bridge reopens " + SCRIPT + " after the storm");
        assertThat(scripted.injectedElements()).as("no element was made of the title").isZero();
        assertThat(browser.findElements(By.tagName("script"))).as("only board.js runs").hasSize(1);
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(js("return window.storylineBoardSession")).isEqualTo("seeded");
        screenshot("board.png");

        open(wait, scripted.id());
        wait.until(b -> b.findElements(By.cssSelector("#detail-articles .article[data-article-id='" + articleId + "'] .article__title")).size() == 1);
        assertThat(text(By.cssSelector("#detail-articles .article[data-article-id='" + articleId + "'] .article__title")))
                .contains(SCRIPT);
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        screenshot("board-script-story.png");

        // the board is a view of news.stories: a restarted dedupe-service reads it again from the start
        List<String> before = cards().stream().map(Card::id).sorted().toList();
        stack.restart(LocalStack.DEDUPE);
        browser.get(board);
        wait.withMessage(() -> "after the restart: " + cardSummary())
                .until(b -> articlesOnBoard() == receipts.size() + 1);
        assertThat(cards().stream().map(Card::id).sorted().toList()).isEqualTo(before);
    }

    private static String submitArticle(String title) throws IOException, InterruptedException {
        ObjectNode article = EventJson.mapper().createObjectNode()
                .put("url", "https://harbour.example/news/bridge-reopens")
                .put("title", title)
                .put("body", "The harbour bridge reopened to traffic on Sunday morning after engineers spent four days "
                        + "inspecting the cables that the storm had loosened.\n"
                        + "The city's transport department said buses would run on their normal routes from Monday, "
                        + "while cyclists must still use the ferry until the new railings are fitted.\n"
                        + "Shop owners near the harbour said the closure had cost them much of their weekly trade.")
                .put("source", "harbour.example")
                .put("language", "en")
                .put("published", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/articles"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.mapper().writeValueAsString(article)))
                .build();
        HttpResponse<String> response = stack.http().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode receipt = EventJson.mapper().readTree(response.body());
        return receipt.path("id").asText();
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .withLogFile(TARGET.resolve("chromedriver.log").toFile())
                .build();
        return new ChromeDriver(driver, options);
    }

    /** The cards as the page shows them now, read in one script so a live update cannot tear the reading. */
    @SuppressWarnings("unchecked")
    private static List<Card> cards() {
        List<List<Object>> rows = (List<List<Object>>) js("""
                return Array.from(document.querySelectorAll('#cards .storyline-card .chapter')).map(c => [
                  c.dataset.storyId,
                  c.querySelector('.chapter__count').textContent,
                  c.querySelector('.chapter__link').textContent,
                  c.querySelectorAll('script, img, b').length]);""");
        return rows.stream().map(r -> new Card((String) r.get(0), Integer.parseInt((String) r.get(1)), (String) r.get(2),
                ((Number) r.get(3)).intValue())).toList();
    }

    /** A story card: id, article count, headline text, and how many elements the headline area grew. */
    private record Card(String id, int articles, String headline, int injectedElements) {
        @Override
        public String toString() {
            return articles + " × " + headline;
        }
    }

    private static List<Integer> counts() {
        return cards().stream().map(Card::articles).toList();
    }

    private static List<String> headlines() {
        return cards().stream().map(Card::headline).toList();
    }

    private static int articlesOnBoard() {
        return counts().stream().mapToInt(Integer::intValue).sum();
    }

    private static String cardSummary() {
        return cards().toString();
    }

    /** Clicks a card's headline link, again if a live update replaced the card just then. */
    private static void open(WebDriverWait wait, String storyId) {
        wait.ignoring(StaleElementReferenceException.class).until(b -> {
            b.findElement(By.cssSelector("#cards .chapter[data-story-id='" + storyId + "'] .chapter__link")).click();
            return true;
        });
    }

    private static String text(By selector) {
        return browser.findElement(selector).getText();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(TARGET);
        Files.write(TARGET.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
