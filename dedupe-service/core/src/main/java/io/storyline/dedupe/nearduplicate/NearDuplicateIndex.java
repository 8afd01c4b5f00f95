package io.storyline.dedupe.nearduplicate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Streaming LSH banding index over MinHash signatures, forgetting entries in event-time order.
 * <p>
 * Layout, chosen so an entry costs a few hundred bytes and no objects:
 * <ul>
 *   <li>entries live in a ring in insertion order (slot = position in the ring), so eviction pops the head;</li>
 *   <li>per entry: the packed signature in one shared {@code byte[]}, its event time, and a reference into a
 *       ring-shaped byte arena holding the UTF-8 article id;</li>
 *   <li>one linear-probing table per band holds ints of {@code (slot + 1) << 8 | displacement << 4 | fingerprint};
 *       the band key is not stored but read back from the entry's signature, which also makes band matches exact
 *       (no hash-collision false candidates). Displacement from the home position and 4 bits of the band hash let
 *       probes skip almost every occupant that cannot match, and let deletion shift entries back, without
 *       touching their signatures: in a large index each such touch is a cache miss.</li>
 * </ul>
 * At most {@link #MAX_ENTRIES} entries: beyond that the oldest entry is evicted early, so memory stays bounded
 * whatever the window.
 * Not thread-safe.
 */
final class NearDuplicateIndex {

    private static final int MIN_CAPACITY = 64;
    static final int MAX_ENTRIES = 1 << 23;
    private static final int SLOT_SHIFT = 8;
    private static final int DISPLACEMENT_SHIFT = 4;
    private static final int DISPLACEMENT_OVERFLOW = 15; // "this many or more": then read from the signature
    private static final int FINGERPRINT_MASK = 15;
    private static final int MIN_ARENA = 1024;

    private final int signatureBytes;
    private final int bands;
    private final int bandBytes;

    // ring of entries
    private int capacity;
    private int head;
    private int count;
    private byte[] signatures;
    private long[] eventTimes;
    private long[] idRefs; // (absolute arena position << 16) | UTF-8 length

    // ring arena of ids
    private byte[] idArena;
    private long idTail;
    private long idHead;

    // band tables, each sized tableCapacity (load at most 2/3)
    private int[][] tables;
    private final long[] queryHashes;
    private final int[] homes;

    NearDuplicateIndex(int signatureBytes, BandingPlan plan, int bytesPerComponent) {
        if (plan.bands() * plan.rows() * bytesPerComponent > signatureBytes) {
            throw new IllegalArgumentException("banding " + plan + " needs more components than the signature has");
        }
        this.signatureBytes = signatureBytes;
        this.bands = plan.bands();
        this.bandBytes = plan.rows() * bytesPerComponent;
        this.queryHashes = new long[bands];
        this.homes = new int[bands];
        allocate(MIN_CAPACITY);
        this.idArena = new byte[MIN_ARENA];
    }

    int size() {
        return count;
    }

    /** Visits candidate entries: those sharing at least one whole band with {@code signature}, each once. */
    interface CandidateVisitor {
        void visit(int slot);
    }

    /** Band hashes of a signature, for {@link #forEachCandidate} and {@link #insert}; valid until the next call. */
    long[] hashBands(byte[] signature) {
        for (int band = 0; band < bands; band++) {
            queryHashes[band] = bandHash(signature, band * bandBytes, band);
        }
        return queryHashes;
    }

    void forEachCandidate(byte[] signature, long[] bandHashes, CandidateVisitor visitor) {
        int tableCapacity = tables[0].length;
        // In a large index every band's home is a cache miss. Load all of them first, independently, so the
        // misses overlap instead of each waiting for the previous band's probe to finish.
        int touched = 0;
        for (int band = 0; band < bands; band++) {
            int p = position(bandHashes[band], tableCapacity);
            homes[band] = p;
            touched |= tables[band][p];
        }
        if (touched == 0) {
            return; // every home empty: no candidate
        }
        for (int band = 0; band < bands; band++) {
            int offset = band * bandBytes;
            int[] table = tables[band];
            int fingerprint = (int) bandHashes[band] & FINGERPRINT_MASK;
            int p = homes[band];
            for (int v, d = 0; (v = table[p]) != 0; p = (p + 1 == tableCapacity) ? 0 : p + 1, d++) {
                int stored = (v >>> DISPLACEMENT_SHIFT) & DISPLACEMENT_OVERFLOW;
                if ((v & FINGERPRINT_MASK) != fingerprint || stored != Math.min(d, DISPLACEMENT_OVERFLOW)
                        || (stored == DISPLACEMENT_OVERFLOW && displacement(v, p, band, tableCapacity) != d)) {
                    continue; // another home position or other hash bits, so another band key
                }
                int slot = slotOf(v);
                int base = slot * signatureBytes;
                if (Arrays.equals(signatures, base + offset, base + offset + bandBytes,
                        signature, offset, offset + bandBytes) && !sharesEarlierBand(slot, signature, band)) {
                    visitor.visit(slot);
                }
            }
        }
    }

    /** True if the entry already agreed with the query on a lower band, i.e. it was visited already. */
    private boolean sharesEarlierBand(int slot, byte[] signature, int band) {
        int base = slot * signatureBytes;
        for (int b = 0; b < band; b++) {
            int offset = b * bandBytes;
            if (Arrays.equals(signatures, base + offset, base + offset + bandBytes,
                    signature, offset, offset + bandBytes)) {
                return true;
            }
        }
        return false;
    }

    /** Copies the entry's signature into {@code target}. */
    void signatureOf(int slot, byte[] target) {
        System.arraycopy(signatures, slot * signatureBytes, target, 0, signatureBytes);
    }

    long eventTimeOf(int slot) {
        return eventTimes[slot];
    }

    /** Insertion rank of a live slot: 0 for the oldest entry. */
    int ageRank(int slot) {
        int rank = slot - head;
        return rank < 0 ? rank + capacity : rank;
    }

    String idOf(int slot) {
        long ref = idRefs[slot];
        int length = (int) (ref & 0xFFFF);
        int start = arenaIndex(ref >>> 16);
        if (start + length <= idArena.length) {
            return new String(idArena, start, length, StandardCharsets.UTF_8);
        }
        byte[] copy = new byte[length];
        int first = idArena.length - start;
        System.arraycopy(idArena, start, copy, 0, first);
        System.arraycopy(idArena, 0, copy, first, length - first);
        return new String(copy, StandardCharsets.UTF_8);
    }

    boolean idEquals(int slot, byte[] utf8Id) {
        long ref = idRefs[slot];
        int length = (int) (ref & 0xFFFF);
        if (length != utf8Id.length) {
            return false;
        }
        int start = arenaIndex(ref >>> 16);
        for (int i = 0; i < length; i++) {
            int at = start + i;
            if (at >= idArena.length) {
                at -= idArena.length;
            }
            if (idArena[at] != utf8Id[i]) {
                return false;
            }
        }
        return true;
    }

    void insert(byte[] utf8Id, byte[] signature, long[] bandHashes, long eventTimeMillis) {
        if (utf8Id.length > 0xFFFF) {
            throw new IllegalArgumentException("article id longer than 65535 bytes");
        }
        if (count == capacity) {
            if (capacity >= MAX_ENTRIES) {
                removeHead(); // full: the oldest goes early rather than memory growing past the bound
            } else {
                resize(capacity * 2);
            }
        }
        int slot = head + count;
        if (slot >= capacity) {
            slot -= capacity;
        }
        System.arraycopy(signature, 0, signatures, slot * signatureBytes, signatureBytes);
        eventTimes[slot] = eventTimeMillis;
        idRefs[slot] = (appendId(utf8Id) << 16) | utf8Id.length;
        count++;
        for (int band = 0; band < bands; band++) {
            place(tables[band], slot, bandHashes[band]);
        }
    }

    private static void place(int[] table, int slot, long bandHash) {
        int tableCapacity = table.length;
        int p = position(bandHash, tableCapacity);
        int d = 0;
        while (table[p] != 0) {
            p = (p + 1 == tableCapacity) ? 0 : p + 1;
            d++;
        }
        table[p] = ((slot + 1) << SLOT_SHIFT) | (Math.min(d, DISPLACEMENT_OVERFLOW) << DISPLACEMENT_SHIFT)
                | ((int) bandHash & FINGERPRINT_MASK);
    }

    private static int slotOf(int entry) {
        return (entry >>> SLOT_SHIFT) - 1;
    }

    /** Distance of the entry at {@code p} from its home position; read from the signature only on overflow. */
    private int displacement(int entry, int p, int band, int tableCapacity) {
        int stored = (entry >>> DISPLACEMENT_SHIFT) & DISPLACEMENT_OVERFLOW;
        if (stored < DISPLACEMENT_OVERFLOW) {
            return stored;
        }
        int home = position(bandHash(signatures, slotOf(entry) * signatureBytes + band * bandBytes, band), tableCapacity);
        int d = p - home;
        return d < 0 ? d + tableCapacity : d;
    }

    /**
     * Evicts entries from the oldest end while their event time is before {@code cutoffMillis}. An entry that
     * arrived late (older than entries inserted before it) leaves when it reaches the head; callers skip such
     * stale entries at query time.
     */
    int evictBefore(long cutoffMillis) {
        int evicted = 0;
        while (count > 0 && eventTimes[head] < cutoffMillis) {
            removeHead();
            evicted++;
        }
        if (evicted > 0 && capacity > MIN_CAPACITY && count < capacity / 4) {
            int target = capacity;
            while (target > MIN_CAPACITY && count < target / 4) {
                target /= 2;
            }
            resize(Math.max(MIN_CAPACITY, target)); // give memory back after a burst
        }
        return evicted;
    }

    private void removeHead() {
        int slot = head;
        int tableCapacity = tables[0].length;
        int touched = 0;
        for (int band = 0; band < bands; band++) { // overlapping cache misses, as in forEachCandidate
            int p = position(bandHash(signatures, slot * signatureBytes + band * bandBytes, band), tableCapacity);
            homes[band] = p;
            touched |= tables[band][p];
        }
        if (touched == 0) {
            throw new IllegalStateException("index corrupt: entry " + slot + " missing from its band tables");
        }
        for (int band = 0; band < bands; band++) {
            int[] table = tables[band];
            int p = homes[band];
            while (slotOf(table[p]) != slot) {
                p = (p + 1 == table.length) ? 0 : p + 1;
            }
            deleteAt(table, p, band);
        }
        long ref = idRefs[slot];
        idTail = (ref >>> 16) + (ref & 0xFFFF);
        head = (head + 1 == capacity) ? 0 : head + 1;
        count--;
        if (count == 0) {
            idTail = idHead;
        }
        shrinkArenaIfSparse();
    }

    /** Backward-shift deletion for linear probing: keeps every remaining entry reachable from its home. */
    private void deleteAt(int[] table, int p, int band) {
        int tableCapacity = table.length;
        int hole = p;
        int j = p;
        while (true) {
            j = (j + 1 == tableCapacity) ? 0 : j + 1;
            int v = table[j];
            if (v == 0) {
                break;
            }
            int d = displacement(v, j, band, tableCapacity);
            int gap = j - hole;
            if (gap < 0) {
                gap += tableCapacity;
            }
            if (d >= gap) { // the hole lies between the entry's home and its position: move it back
                table[hole] = (v & ~(DISPLACEMENT_OVERFLOW << DISPLACEMENT_SHIFT))
                        | (Math.min(d - gap, DISPLACEMENT_OVERFLOW) << DISPLACEMENT_SHIFT);
                hole = j;
            }
        }
        table[hole] = 0;
    }

    private void resize(int newCapacity) {
        byte[] oldSignatures = signatures;
        long[] oldTimes = eventTimes;
        long[] oldRefs = idRefs;
        int oldCapacity = capacity;
        int oldHead = head;
        allocate(newCapacity);
        for (int i = 0; i < count; i++) {
            int from = oldHead + i;
            if (from >= oldCapacity) {
                from -= oldCapacity;
            }
            System.arraycopy(oldSignatures, from * signatureBytes, signatures, i * signatureBytes, signatureBytes);
            eventTimes[i] = oldTimes[from];
            idRefs[i] = oldRefs[from];
        }
        head = 0;
        for (int band = 0; band < bands; band++) {
            int[] table = tables[band];
            for (int slot = 0; slot < count; slot++) {
                place(table, slot, bandHash(signatures, slot * signatureBytes + band * bandBytes, band));
            }
        }
    }

    private void allocate(int newCapacity) {
        capacity = newCapacity;
        signatures = new byte[newCapacity * signatureBytes];
        eventTimes = new long[newCapacity];
        idRefs = new long[newCapacity];
        int tableCapacity = newCapacity + newCapacity / 2 + 1;
        tables = new int[bands][tableCapacity];
    }

    private long appendId(byte[] utf8Id) {
        long used = idHead - idTail;
        if (used + utf8Id.length > idArena.length) {
            resizeArena(Math.max(idArena.length * 2, (int) (used + utf8Id.length) * 2));
        }
        long start = idHead;
        int at = arenaIndex(start);
        int first = Math.min(utf8Id.length, idArena.length - at);
        System.arraycopy(utf8Id, 0, idArena, at, first);
        System.arraycopy(utf8Id, first, idArena, 0, utf8Id.length - first);
        idHead += utf8Id.length;
        return start;
    }

    private void shrinkArenaIfSparse() {
        long used = idHead - idTail;
        if (idArena.length > MIN_ARENA && used < idArena.length / 8) {
            resizeArena(Math.max(MIN_ARENA, idArena.length / 2));
        }
    }

    /** Absolute positions stay valid across a resize: live bytes move to their index in the new arena. */
    private void resizeArena(int newLength) {
        byte[] old = idArena;
        byte[] fresh = new byte[newLength];
        for (long pos = idTail; pos < idHead; pos++) {
            fresh[(int) (pos % newLength)] = old[(int) (pos % old.length)];
        }
        idArena = fresh;
    }

    private int arenaIndex(long absolute) {
        return (int) (absolute % idArena.length);
    }

    private static int position(long hash, int tableCapacity) {
        return (int) (((hash >>> 32) * tableCapacity) >>> 32);
    }

    private long bandHash(byte[] source, int offset, int band) {
        long h = 0x9E3779B97F4A7C15L * (band + 1);
        for (int i = 0; i < bandBytes; i++) {
            h = (h ^ (source[offset + i] & 0xFF)) * 0x100000001B3L;
        }
        return ShingleExtractor.mix(h);
    }

    long estimatedBytes() {
        long bytes = 96;
        bytes += 16L + signatures.length;
        bytes += 16L + 8L * eventTimes.length;
        bytes += 16L + 8L * idRefs.length;
        bytes += 16L + idArena.length;
        bytes += 16L + 4L * bands;
        for (int[] table : tables) {
            bytes += 16L + 4L * table.length;
        }
        return bytes;
    }
}
