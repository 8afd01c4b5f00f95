package io.storyline.nlp.dateline;

import io.storyline.events.Article;
import io.storyline.nlp.SeedArticles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutletFinderTest {
    private final DatelineParser parser = new DatelineParser();
    private final OutletFinder finder = new OutletFinder();

    // --- dateline credits ---

    @Test
    void anAgencyThatOpensTheDatelineIsTheOutlet() {
        assertThat(parser.parse("China News Agency, Moscow, April 13 (Reporter Wang Xiujun) According to the news")
                .orElseThrow().outlet()).isEqualTo("China News Agency");
    }

    @Test
    void aSpelledOutAgencyAndItsCreditAreOneName() {
        assertThat(parser.parse("Xinhua News Agency, Moscow, April 13 (Reporter Wu Gang) Russian President")
                .orElseThrow().outlet()).isEqualTo("Xinhua");
        assertThat(parser.parse("Moscow, January 26 (Xinhua) Russian President Vladimir Putin")
                .orElseThrow().outlet()).isEqualTo("Xinhua");
        assertThat(parser.parse("NEW YORK, March 3 (Associated Press) — Stocks fell").orElseThrow().outlet()).isEqualTo("AP");
        assertThat(parser.parse("PARIS, March 3 (Agence France-Presse) — ").orElseThrow().outlet()).isEqualTo("AFP");
    }

    @Test
    void wireCreditsAfterADateline() {
        assertThat(parser.findOutlet("Title", "MOSCOW (Reuters) - Russian President Vladimir Putin")).contains("Reuters");
        assertThat(parser.findOutlet("Title", "WASHINGTON, April 13 (AP) — President Joe Biden")).contains("AP");
        assertThat(parser.findOutlet("Title", "PARIS, April 13 (AFP) - France said")).contains("AFP");
        assertThat(parser.findOutlet("Title", "BERLIN (dpa) - Die Regierung")).contains("dpa");
        assertThat(parser.findOutlet("Title", "TOKYO, Nov. 24 (Kyodo News) -- Markets")).contains("Kyodo");
        assertThat(parser.findOutlet("Title", "NEW DELHI, May 2 (IANS) The government")).contains("IANS");
        assertThat(parser.findOutlet("Title", "MOSCOW, April 13 (REUTERS) - Putin")).contains("Reuters");
    }

    @Test
    void aBareCreditThatOpensTheText() {
        assertThat(parser.findOutlet("Title", "(AFP) - France said on Tuesday")).contains("AFP");
        assertThat(parser.findOutlet("Title", "  (Reuters) — Oil prices rose")).contains("Reuters");
    }

    @Test
    void aBylineOrANoteAfterADatelineIsNoOutlet() {
        assertThat(parser.findOutlet("Title", "Moscow, April 13 (Reporter Wang Xiujun) According to the news")).isEmpty();
        assertThat(parser.findOutlet("Title", "Moscow, April 13 (Wang Xiujun) According to the news"))
                .as("two capitalised words without an outlet word are a person").isEmpty();
        assertThat(parser.findOutlet("Title", "MOSCOW, April 13 (By John Smith) - Putin")).isEmpty();
        assertThat(parser.findOutlet("Title", "MOSCOW, April 13 (Staff Correspondent) - Putin")).isEmpty();
        assertThat(parser.findOutlet("Title", "WASHINGTON (Updated) - Biden")).isEmpty();
        assertThat(parser.findOutlet("Title", "WASHINGTON, April 13 (AP Photo) - Biden")).isEmpty();
        assertThat(parser.findOutlet("Title", "MOSCOW, April 13 (reporter wu gang) - Putin")).isEmpty();
        assertThat(parser.findOutlet("Title", "MOSCOW, April 13 (AP/Reuters) - Putin")).as("not one outlet").isEmpty();
        assertThat(parser.findOutlet("Title", "MOSCOW, April 13 - Putin said")).as("a dateline without credit").isEmpty();
        assertThat(parser.findOutlet("Title", "(Wang Xiujun) - said the minister")).isEmpty();
    }

    @Test
    void aCreditIsOnlyTakenAtTheStartOfTheText() {
        assertThat(parser.findOutlet("Biden calls Putin and offers him to meet",
                "US President Joseph Biden held a telephone conversation, Xinhua said. MOSCOW (Reuters) - later")).isEmpty();
        assertThat(parser.findOutlet("Talks (AFP) - text", "The minister said")).isEmpty();
        assertThat(parser.findOutlet("", "")).isEmpty();
        assertThat(parser.findOutlet(null, null)).isEmpty();
    }

    // --- site names in the first line ---

    @Test
    void aSiteNameAfterTheFinalBar() {
        assertThat(finder.find("Home World News Biden, Putin discuss future summit over the phone | Russian News",
                "Biden proposed summit with Putin in a third country.")).contains("Russian News");
        assertThat(finder.find("Putin on the phone with Biden | Politics | The Moscow Times", "Text")).contains("The Moscow Times");
        assertThat(finder.find("Biden calls Putin | Associated Press", "Text")).contains("AP");
        assertThat(finder.find("Biden calls Putin | Voice of America", "Text")).contains("Voice of America");
        assertThat(finder.find("Biden calls Putin | France 24", "Text")).contains("France 24");
    }

    @Test
    void aSiteNameAfterADashMustLookLikeAnOutlet() {
        assertThat(finder.find("Biden, Putin discuss future summit - BBC News", "Text")).contains("BBC");
        assertThat(finder.find("Biden, Putin discuss future summit – The Washington Post", "Text"))
                .contains("The Washington Post");
        assertThat(finder.find("Biden, Putin discuss future summit - Reuters", "Text")).contains("Reuters");
        assertThat(finder.find("Russia to cut gas supplies to Europe - Gazprom", "Text")).as("attribution").isEmpty();
        assertThat(finder.find("Inflation will peak this year - ECB", "Text")).isEmpty();
        assertThat(finder.find("US to send more troops to Europe - White House", "Text")).isEmpty();
    }

    @Test
    void notASiteName() {
        assertThat(finder.find("Biden calls Putin and offers him to meet", "US President Joseph Biden held a call.")).isEmpty();
        assertThat(finder.find("Biden - Putin call: what we know", "Text")).as("lower case").isEmpty();
        assertThat(finder.find("Putin meets Biden in Geneva | World", "Text")).as("a section").isEmpty();
        assertThat(finder.find("Putin meets Biden in Geneva | Russia", "Text")).as("a country").isEmpty();
        assertThat(finder.find("Putin meets Biden in Geneva | NATO", "Text")).as("an alias, not an outlet").isEmpty();
        assertThat(finder.find("Putin meets Biden | Vladimir Putin Says He Is Ready To Talk", "Text"))
                .as("too many words").isEmpty();
        assertThat(finder.find("Geneva | Summit Talks", "Text")).as("no headline before the bar").isEmpty();
        assertThat(finder.find("Putin meets Biden in Geneva | Summit?", "Text")).isEmpty();
        assertThat(finder.find("Putin meets Biden in Geneva | By John Smith", "Text")).as("a byline").isEmpty();
        assertThat(finder.find("Biden, Putin discuss future summit - Staff Writer", "Text")).isEmpty();
        String paragraph = "China News Agency, Moscow, April 13 (Reporter Wang Xiujun) " + "The talks went on. ".repeat(10)
                + "They agreed - Kremlin News";
        assertThat(finder.siteName(paragraph)).as("a paragraph is not a headline").isEmpty();
    }

    @Test
    void theBodysFirstLineCountsWhenTheHeadlineWasTakenFromIt() {
        assertThat(finder.find("Biden calls Putin.", "Biden calls Putin. Offers talks in June | Russian News\n\nText"))
                .contains("Russian News");
        assertThat(finder.find("Biden calls Putin", "Another line entirely | Russian News\n\nText"))
                .as("an unrelated first line is not the headline").isEmpty();
    }

    @Test
    void theSiteNameWinsOverTheWireCredit() {
        assertThat(finder.find("Putin on the phone with Biden | Russian News", "Moscow, January 26 (Xinhua) Russian President"))
                .contains("Russian News");
        assertThat(finder.find("Putin on the phone with Biden", "Moscow, January 26 (Xinhua) Russian President"))
                .contains("Xinhua");
    }

    // --- the seeds ---

    @Test
    void theSeedsNameTheirOutlets() {
        assertThat(seedOutlet("000")).isEqualTo("China News Agency");
        assertThat(seedOutlet("001")).isEqualTo("Xinhua");
        assertThat(seedOutlet("002")).isEqualTo("Xinhua");
        assertThat(seedOutlet("003")).isEqualTo("Russian News");
        assertThat(seedOutlet("004")).isNull();
    }

    @Test
    void seedsAsIngestReadsThem() {
        // ingest's PlainTextArticle: a first line that is no headline stays in the body, the title is its first sentence
        assertThat(finder.find("China News Agency, Moscow, April 13 (Reporter Wang Xiujun) According to the news released"
                + " by the Russian Presidential Information Bureau on the 13th, Russian President Putin had a telephone"
                + " conversation with US President Biden on the same day.",
                "China News Agency, Moscow, April 13 (Reporter Wang Xiujun) According to the news released by the Russian"
                        + " Presidential Information Bureau on the 13th, ...")).contains("China News Agency");
        assertThat(finder.find("Biden calls Putin and offers him to meet",
                "US President Joseph Biden held a telephone conversation with his Russian counterpart")).isEmpty();
    }

    private String seedOutlet(String prefix) {
        Article a = SeedArticles.load(prefix);
        return finder.find(a.title(), a.text()).orElse(null);
    }
}
