package io.storyline.dedupe.nearduplicate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NearDuplicateDetectorTest {

    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    static final String WIRE = String.join("\n\n",
            "GENEVA, March 2 - Negotiators from twelve countries resumed talks on a global plastics treaty on Monday, "
                    + "after a year in which the draft text shrank from forty pages to eleven and the most contested "
                    + "clauses on production caps were moved into an annex.",
            "The chair of the committee told delegates that the week would decide whether a treaty could be signed "
                    + "before the end of the year, and asked them to bring compromise wording on financing by Wednesday.",
            "Several oil-producing states have argued that limits on new plastic production fall outside the mandate "
                    + "agreed in Nairobi, while a coalition of island nations wants binding reduction targets written "
                    + "into the main body of the treaty rather than left to voluntary national plans.",
            "Environmental groups staged a quiet protest outside the conference centre, laying out a carpet of "
                    + "bottles collected from the shores of the lake over the weekend.",
            "A spokesperson for the secretariat said that observers would be admitted to the plenary sessions but "
                    + "not to the contact groups, where most of the drafting is expected to happen.",
            "The talks are scheduled to end on Friday evening, although delegates said an extra day had been booked "
                    + "in case the financing chapter remained open.");

    static final String SAME_SUBJECT_OTHER_STORY = String.join("\n\n",
            "GENEVA, March 6 - Talks on a global plastics treaty ended without agreement on Friday night, with "
                    + "delegates failing to settle how poorer countries would be paid to clean up waste.",
            "The committee chair said a final session would be convened in the autumn and that the text on "
                    + "production caps would remain in brackets until then.",
            "Island nations said they were disappointed, and one delegate described the week as lost. Oil-producing "
                    + "states welcomed the decision to keep limits on production out of the core text for now.",
            "Observers said the mood in the plenary had soured after the financing chapter was reopened on Thursday.");

    private static NearDuplicateDetector detector() {
        return new NearDuplicateDetector(NearDuplicateSettings.defaults());
    }

    /** A typical republication: new headline, trimmed ending, an outlet's own intro and footer. */
    private static String republished(String text) {
        String[] paragraphs = text.split("\n\n");
        StringBuilder copy = new StringBuilder("By our correspondent with agencies\n\n");
        for (int i = 0; i < paragraphs.length - 1; i++) {
            copy.append(paragraphs[i]).append("\n\n");
        }
        copy.append("Follow us for more updates on the environment.");
        return copy.toString();
    }

    @Test
    void republishedCopyPointsAtTheFirstSeenArticle() {
        NearDuplicateDetector detector = detector();
        assertThat(detector.observe("a1", "en", "wire", "Plastics treaty talks resume", WIRE, T0)).isEmpty();
        Optional<NearDuplicate> copy = detector.observe("b1", "en", "daily", "Nations back at the table on plastics",
                republished(WIRE), T0.plusSeconds(600));
        assertThat(copy).isPresent();
        assertThat(copy.get().originalId()).isEqualTo("a1");
        assertThat(copy.get().similarity()).isBetween(NearDuplicateSettings.defaults().threshold(), 1.0);
        assertThat(detector.size()).as("copies are not indexed").isEqualTo(1);
    }

    @Test
    void differentStoryOnTheSameSubjectIsNoCopy() {
        NearDuplicateDetector detector = detector();
        detector.observe("a1", "en", "wire", "Plastics treaty talks resume", WIRE, T0);
        assertThat(detector.observe("a2", "en", "wire", "Plastics talks end without deal",
                SAME_SUBJECT_OTHER_STORY, T0.plusSeconds(3600))).isEmpty();
        assertThat(detector.size()).isEqualTo(2);
    }

    @Test
    void copyOfACopyStillPointsAtTheOriginal() {
        NearDuplicateDetector detector = detector();
        detector.observe("a1", "en", "wire", "t", WIRE, T0);
        String copy = republished(WIRE);
        assertThat(detector.observe("b1", "en", "daily", "t", copy, T0.plusSeconds(1))).get()
                .extracting(NearDuplicate::originalId).isEqualTo("a1");
        String copyOfCopy = copy.replace("Monday", "Monday (local time)") + "\n\nRead more: plastics in oceans";
        assertThat(detector.observe("c1", "en", "weekly", "t", copyOfCopy, T0.plusSeconds(2))).get()
                .extracting(NearDuplicate::originalId).isEqualTo("a1");
    }

    @Test
    void originalsOlderThanTheWindowAreForgotten() {
        NearDuplicateDetector detector = new NearDuplicateDetector(
                NearDuplicateSettings.defaults().withWindow(Duration.ofDays(7)));
        detector.observe("a1", "en", "wire", "t", WIRE, T0);
        detector.observe("x1", "en", "wire", "t", SAME_SUBJECT_OTHER_STORY, T0.plus(Duration.ofDays(6)));
        assertThat(detector.size()).isEqualTo(2);
        assertThat(detector.observe("b1", "en", "daily", "t", republished(WIRE), T0.plus(Duration.ofDays(8))))
                .as("the original left the window").isEmpty();
        assertThat(detector.size()).as("a1 evicted, b1 indexed as a new original").isEqualTo(2);
        assertThat(detector.observe("c1", "en", "daily", "t", WIRE, T0.plus(Duration.ofDays(8)))).get()
                .extracting(NearDuplicate::originalId).isEqualTo("b1");
    }

    @Test
    void articleOlderThanTheWindowIsCheckedButNotIndexed() {
        NearDuplicateDetector detector = detector();
        detector.observe("x1", "en", "wire", "t", SAME_SUBJECT_OTHER_STORY, T0.plus(Duration.ofDays(30)));
        assertThat(detector.observe("late", "en", "wire", "t", WIRE, T0)).isEmpty();
        assertThat(detector.size()).isEqualTo(1);
    }

    @Test
    void revisionOfAnIndexedArticleIsNeitherACopyNorIndexedTwice() {
        NearDuplicateDetector detector = detector();
        detector.observe("a1", "en", "wire", "t", WIRE, T0);
        assertThat(detector.observe("a1", "en", "wire", "t (updated)", WIRE + "\n\nUpdated with reaction.",
                T0.plusSeconds(60))).isEmpty();
        assertThat(detector.size()).isEqualTo(1);
    }

    @Test
    void sameInputOrderGivesSameAnswers() {
        List<Optional<NearDuplicate>> first = run(detector());
        List<Optional<NearDuplicate>> second = run(detector());
        assertThat(first).isEqualTo(second);
        assertThat(first).filteredOn(Optional::isPresent).hasSize(2);
    }

    private static List<Optional<NearDuplicate>> run(NearDuplicateDetector detector) {
        List<Optional<NearDuplicate>> answers = new ArrayList<>();
        answers.add(detector.observe("a1", "en", "wire", "t", WIRE, T0));
        answers.add(detector.observe("a2", "en", "wire", "t", SAME_SUBJECT_OTHER_STORY, T0.plusSeconds(5)));
        answers.add(detector.observe("b1", "en", "daily", "t", republished(WIRE), T0.plusSeconds(10)));
        answers.add(detector.observe("b2", "en", "daily", "t", republished(SAME_SUBJECT_OTHER_STORY), T0.plusSeconds(20)));
        return answers;
    }

    @Test
    void chineseCopiesAreFoundByCharacterShingles() {
        NearDuplicateDetector detector = detector();
        String original = "中新社莫斯科4月13日电 据俄罗斯总统新闻局13日发布的消息，俄罗斯总统普京当天与美国总统拜登通电话。"
                + "拜登提议研究在近期举行最高级别面对面会谈的可能性。消息人士称，此次通话是应美方倡议举行的。"
                + "通话中，双方表示愿意继续就确保全球安全的最重要方向开展对话，这不仅符合俄美两国的利益，也符合整个国际社会的利益。";
        String copy = "【环球网】" + original.substring(0, original.length() - 20) + "责任编辑：王明";
        detector.observe("zh-1", "zh", "xinhua", "普京与拜登通电话", original, T0);
        assertThat(detector.observe("zh-2", "zh-CN", "huanqiu", "俄美元首通话", copy, T0.plusSeconds(30))).get()
                .extracting(NearDuplicate::originalId).isEqualTo("zh-1");
    }

    @Test
    void sourceBoilerplateDoesNotMakeDifferentStoriesLookAlike() {
        NearDuplicateDetector detector = detector();
        String footer = "\n\nThis article is published by the Lakeside Courier. All rights reserved. Sign up for our "
                + "morning newsletter to receive the top stories of the day, every day, and follow us on social media "
                + "for breaking news alerts, photo galleries and live coverage of local council meetings.";
        String[] stories = {
                "The council approved a new bus lane on the high street.",
                "A local bakery won a national award for its rye bread.",
                "Schools will close early on Friday because of the storm.",
                "Police are asking for witnesses after a break-in at the museum.",
                "The river festival returns next month with a larger programme."};
        int copies = 0;
        for (int i = 0; i < stories.length; i++) {
            if (detector.observe("lc-" + i, "en", "courier", "t", stories[i] + footer, T0.plusSeconds(i)).isPresent()) {
                copies++;
            }
        }
        // before the footer is learned (3 articles) short stories drowned in it look alike; afterwards not
        assertThat(detector.observe("lc-new", "en", "courier", "t",
                "Road works on the bridge will last until June." + footer, T0.plusSeconds(60))).isEmpty();
        assertThat(copies).isLessThan(stories.length - 1);
    }

    @Test
    void badInputIsRejectedClearly() {
        NearDuplicateDetector detector = detector();
        assertThatThrownBy(() -> detector.observe(" ", "en", "s", "t", "x", T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("articleId");
        assertThatThrownBy(() -> detector.observe("a", "en", "s", "t", "x", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventTime");
        assertThat(detector.observe("empty", "en", "s", null, " ... ", T0)).isEmpty();
        assertThat(detector.size()).isZero();
    }

    @Test
    void bandingIsDerivedFromTheThreshold() {
        assertThat(detector().bandingPlan()).isEqualTo(BandingPlan.optimal(
                NearDuplicateSettings.DEFAULT_THRESHOLD, NearDuplicateSettings.DEFAULT_SIGNATURE_SIZE, 0.5, 0.5));
    }

    @Test
    void hash4jPacksOneByteComponentsInOrder() {
        var policy = com.dynatrace.hash4j.similarity.SimilarityHashing.superMinHash(
                128, 8, NearDuplicateDetector.MINHASH_VERSION);
        byte[] signature = policy.createHasher().compute(
                com.dynatrace.hash4j.similarity.ElementHashProvider.ofValues(1L, 2L, 3L, 0x5DEECE66DL));
        assertThat(signature).hasSize(128);
        for (int i = 0; i < 128; i++) {
            assertThat(policy.getComponent(signature, i)).isEqualTo(signature[i] & 0xFF);
        }
    }
}
