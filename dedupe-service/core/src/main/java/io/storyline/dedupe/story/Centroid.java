package io.storyline.dedupe.story;

import java.util.Arrays;
import java.util.List;

/**
 * Sum of the unit term vectors of a story's articles, term ids ascending. IDF is applied when comparing, so the
 * centroid profits from everything the stream has taught since its articles arrived.
 */
final class Centroid {
    private int[] ids = new int[0];
    private double[] mass = new double[0];
    private double cachedNorm = -1;
    private long normDocuments;

    void add(TermVector vector, int maxTerms) {
        int[] mergedIds = new int[ids.length + vector.size()];
        double[] mergedMass = new double[mergedIds.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < ids.length || j < vector.size()) {
            if (j >= vector.size() || (i < ids.length && ids[i] < vector.id(j))) {
                mergedIds[k] = ids[i];
                mergedMass[k++] = mass[i++];
            } else if (i >= ids.length || vector.id(j) < ids[i]) {
                mergedIds[k] = vector.id(j);
                mergedMass[k++] = vector.weight(j++);
            } else {
                mergedIds[k] = ids[i];
                mergedMass[k++] = mass[i++] + vector.weight(j++);
            }
        }
        ids = Arrays.copyOf(mergedIds, k);
        mass = Arrays.copyOf(mergedMass, k);
        if (k > maxTerms + maxTerms / 4) {
            prune(maxTerms);
        }
        cachedNorm = -1;
    }

    boolean isEmpty() {
        return ids.length == 0;
    }


    /** IDF-weighted cosine between an article (prepared as a query) and this centroid: a merge of sorted ids. */
    double cosine(TermVector.Query query, DocumentFrequencies idf) {
        TermVector article = query.vector();
        if (query.norm() == 0 || ids.length == 0) {
            return 0;
        }
        double[] q = query.weights();
        double dot = 0;
        int i = 0;
        int j = 0;
        while (i < ids.length && j < article.size()) {
            int a = ids[i];
            int b = article.id(j);
            if (a == b) {
                dot += q[j++] * mass[i++];
            } else if (a < b) {
                i++;
            } else {
                j++;
            }
        }
        return dot == 0 ? 0 : Math.min(1.0, dot / (query.norm() * norm(idf)));
    }

    /**
     * {@link #cosine} of each query with this centroid, equal to calling it for each in turn, to the last bit (the
     * same products summed in the same order), but each query costs a lookup per query term instead of a merge
     * over the whole centroid: choosing a big story's headline compares all its members at once.
     */
    double[] cosines(List<TermVector.Query> queries, DocumentFrequencies idf) {
        double[] out = new double[queries.size()];
        if (ids.length == 0) {
            return out;
        }
        // open addressing over term ids (never negative), at most half full
        int slots = Integer.highestOneBit(Math.max(4, ids.length * 2 - 1)) << 1;
        int mask = slots - 1;
        int[] keys = new int[slots];
        int[] at = new int[slots];
        Arrays.fill(keys, -1);
        for (int i = 0; i < ids.length; i++) {
            int s = mix(ids[i]) & mask;
            while (keys[s] != -1) {
                s = (s + 1) & mask;
            }
            keys[s] = ids[i];
            at[s] = i;
        }
        for (int k = 0; k < out.length; k++) {
            TermVector.Query query = queries.get(k);
            if (query.norm() == 0) {
                continue;
            }
            TermVector article = query.vector();
            double[] q = query.weights();
            double dot = 0;
            for (int j = 0; j < article.size(); j++) {
                int id = article.id(j);
                int s = mix(id) & mask;
                while (keys[s] != -1 && keys[s] != id) {
                    s = (s + 1) & mask;
                }
                if (keys[s] == id) {
                    dot += q[j] * mass[at[s]];
                }
            }
            out[k] = dot == 0 ? 0 : Math.min(1.0, dot / (query.norm() * norm(idf)));
        }
        return out;
    }

    private static int mix(int id) {
        int h = id * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /**
     * The norm under current IDF, exact: a pass over the centroid, kept until the story or the collection changes.
     * (A norm refreshed only now and then would make a decision depend on which comparisons came before it.)
     */
    private double norm(DocumentFrequencies idf) {
        long n = idf.documents();
        if (cachedNorm < 0 || n != normDocuments) {
            double sum = 0;
            for (int i = 0; i < ids.length; i++) {
                double w = mass[i] * idf.idf(ids[i]);
                sum += w * w;
            }
            cachedNorm = Math.sqrt(sum);
            normDocuments = n;
        }
        return cachedNorm;
    }

    /** Keeps the heaviest terms (ties: the older term id), in id order. */
    private void prune(int maxTerms) {
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(mass[b], mass[a]);
            return c != 0 ? c : Integer.compare(ids[a], ids[b]);
        });
        int[] keep = new int[maxTerms];
        for (int i = 0; i < maxTerms; i++) {
            keep[i] = order[i];
        }
        Arrays.sort(keep);
        int[] newIds = new int[maxTerms];
        double[] newMass = new double[maxTerms];
        for (int i = 0; i < maxTerms; i++) {
            newIds[i] = ids[keep[i]];
            newMass[i] = mass[keep[i]];
        }
        ids = newIds;
        mass = newMass;
    }
}
