package io.storyline.dedupe.nearduplicate;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class NearDuplicateIndexTest {

    private static final int SIGNATURE_BYTES = 128;
    private static final BandingPlan PLAN = new BandingPlan(25, 5);

    private static byte[] randomSignature(SplittableRandom random) {
        byte[] signature = new byte[SIGNATURE_BYTES];
        for (int i = 0; i < signature.length; i++) {
            signature[i] = (byte) random.nextInt(256);
        }
        return signature;
    }

    private static List<Integer> candidates(NearDuplicateIndex index, byte[] signature) {
        List<Integer> slots = new ArrayList<>();
        index.forEachCandidate(signature, index.hashBands(signature), slots::add);
        return slots;
    }

    private static void insert(NearDuplicateIndex index, String id, byte[] signature, long time) {
        index.insert(id.getBytes(StandardCharsets.UTF_8), signature, index.hashBands(signature), time);
    }

    @Test
    void longProbeRunsBeyondTheStoredDisplacementStayCorrect() {
        NearDuplicateIndex index = new NearDuplicateIndex(SIGNATURE_BYTES, PLAN, 1);
        SplittableRandom random = new SplittableRandom(11);
        byte[] sharedBand = randomSignature(random);
        List<byte[]> signatures = new ArrayList<>();
        for (int i = 0; i < 600; i++) { // all share band 0: one probe run far longer than 127
            byte[] signature = randomSignature(random);
            System.arraycopy(sharedBand, 0, signature, 0, 5);
            signatures.add(signature);
            insert(index, "e" + i, signature, i);
        }
        List<Integer> sharing = candidates(index, sharedBand);
        assertThat(sharing).hasSize(600);
        index.evictBefore(300);
        assertThat(candidates(index, sharedBand)).hasSize(300);
        for (int i = 300; i < 600; i++) {
            String id = "e" + i;
            assertThat(candidates(index, signatures.get(i))).anyMatch(slot -> index.idOf(slot).equals(id));
        }
    }

    @Test
    void everyLiveEntryStaysFindableThroughGrowthEvictionAndShrinking() {
        NearDuplicateIndex index = new NearDuplicateIndex(SIGNATURE_BYTES, PLAN, 1);
        SplittableRandom random = new SplittableRandom(7);
        List<byte[]> live = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        long time = 0;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 3000; i++) {
                byte[] signature = randomSignature(random);
                // make neighbours share bands so probe chains are long and deletions shift entries
                if (!live.isEmpty() && i % 3 == 0) {
                    System.arraycopy(live.get(live.size() - 1), 0, signature, 0, 20);
                }
                String id = "artículo-" + round + "-" + i + "-" + "x".repeat(i % 40);
                index.insert(id.getBytes(StandardCharsets.UTF_8), signature, index.hashBands(signature), time++);
                live.add(signature);
                ids.add(id);
            }
            int evicted = index.evictBefore(time - 500);
            live.subList(0, evicted).clear();
            ids.subList(0, evicted).clear();
            assertThat(index.size()).isEqualTo(live.size()).isEqualTo(500);
            for (int k = 0; k < live.size(); k++) {
                List<Integer> found = candidates(index, live.get(k));
                String expected = ids.get(k);
                assertThat(found).as("entry %d", k).anyMatch(slot -> index.idOf(slot).equals(expected));
                assertThat(found).doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void evictionFreesMemory() {
        NearDuplicateIndex index = new NearDuplicateIndex(SIGNATURE_BYTES, PLAN, 1);
        SplittableRandom random = new SplittableRandom(1);
        long empty = index.estimatedBytes();
        for (int i = 0; i < 20_000; i++) {
            insert(index, "id-" + i, randomSignature(random), i);
        }
        long full = index.estimatedBytes();
        assertThat(full).isGreaterThan(20_000L * SIGNATURE_BYTES);
        index.evictBefore(Long.MAX_VALUE);
        assertThat(index.size()).isZero();
        assertThat(index.estimatedBytes()).isLessThan(full / 10).isLessThanOrEqualTo(empty * 2);
    }

    @Test
    void unrelatedSignaturesAreNoCandidates() {
        NearDuplicateIndex index = new NearDuplicateIndex(SIGNATURE_BYTES, PLAN, 1);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            insert(index, "id-" + i, randomSignature(random), i);
        }
        assertThat(candidates(index, randomSignature(random))).isEmpty();
    }

    @Test
    void idsSurviveArenaWrapAround() {
        NearDuplicateIndex index = new NearDuplicateIndex(SIGNATURE_BYTES, PLAN, 1);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            byte[] signature = randomSignature(random);
            String id = "ид-" + i + "-" + "z".repeat(random.nextInt(30));
            index.insert(id.getBytes(StandardCharsets.UTF_8), signature, index.hashBands(signature), i);
            index.evictBefore(i - 40);
            List<Integer> found = candidates(index, signature);
            assertThat(found).hasSize(1);
            assertThat(index.idOf(found.get(0))).isEqualTo(id);
            assertThat(index.idEquals(found.get(0), id.getBytes(StandardCharsets.UTF_8))).isTrue();
        }
    }
}
