package io.storyline.nlp.entity;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.util.MaxSizeConcurrentHashSet;
import io.storyline.events.EntityType;

import java.time.Duration;
import java.util.List;

/** A CoreNLP CRF sequence model, loaded once and shared by all threads (classification is thread-safe). */
public final class CrfEntityRecognizer {
    private final CRFClassifier<CoreLabel> classifier;
    private final String modelName;
    private final Duration loadTime;

    private CrfEntityRecognizer(CRFClassifier<CoreLabel> classifier, String modelName, Duration loadTime) {
        this.classifier = classifier;
        this.modelName = modelName;
        this.loadTime = loadTime;
    }

    private static final java.util.Map<String, CrfEntityRecognizer> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The model at {@code resource}, loaded on first use and then shared: analyzers built with different
     * settings in one JVM (service, benchmark baselines) hold one copy of the weights.
     *
     * @param resource classpath resource (or file path) of a serialised CRF model
     */
    public static CrfEntityRecognizer load(String resource) {
        return LOADED.computeIfAbsent(resource, CrfEntityRecognizer::read);
    }

    private static CrfEntityRecognizer read(String resource) {
        long start = System.nanoTime();
        try {
            CRFClassifier<CoreLabel> crf = CRFClassifier.getClassifier(resource);
            freezeKnownLowerCaseWords(crf);
            return new CrfEntityRecognizer(crf, modelName(resource), Duration.ofNanos(System.nanoTime() - start));
        } catch (Exception e) {
            throw new IllegalStateException("cannot load NER model " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * The model's word shapes ask whether a capitalised word is known in lower case; CoreNLP by default adds
     * every lower-case word of every text it labels to that set (up to 10,000 more), so a label would depend
     * on which articles the instance read before. Frozen at the words of the training data, the same article
     * always gets the same labels, on any instance, after any restart.
     */
    static void freezeKnownLowerCaseWords(CRFClassifier<CoreLabel> crf) {
        if (crf.getKnownLCWords() instanceof MaxSizeConcurrentHashSet<String> known) {
            known.setMaxSize(known.size());
        }
    }

    /** How many lower-case words the model knows; constant once loaded. */
    int knownLowerCaseWords() {
        return classifier.getKnownLCWords().size();
    }

    static String modelName(String resource) {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        return name.replaceFirst("\\.crf\\.ser\\.gz$", "").replaceFirst("\\.ser\\.gz$", "");
    }

    public String modelName() {
        return modelName;
    }

    public Duration loadTime() {
        return loadTime;
    }

    /** Labels every token of {@code sentence}: an entity type, or null for tokens outside any entity. */
    public EntityType[] label(List<CoreLabel> sentence) {
        List<CoreLabel> labelled = classifier.classifySentence(sentence);
        EntityType[] types = new EntityType[labelled.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = typeOf(labelled.get(i).get(CoreAnnotations.AnswerAnnotation.class));
        }
        return types;
    }

    static EntityType typeOf(String label) {
        if (label == null) {
            return null;
        }
        return switch (label) {
            case "PERSON", "PER", "I-PER", "B-PER" -> EntityType.PERSON;
            case "ORGANIZATION", "ORG", "I-ORG", "B-ORG" -> EntityType.ORGANIZATION;
            case "LOCATION", "LOC", "I-LOC", "B-LOC" -> EntityType.LOCATION;
            case "MISC", "I-MISC", "B-MISC" -> EntityType.MISC;
            default -> null;
        };
    }
}
