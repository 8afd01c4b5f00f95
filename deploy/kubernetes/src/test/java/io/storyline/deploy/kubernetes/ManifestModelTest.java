package io.storyline.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.storyline.deploy.kubernetes.keda.KafkaScaler;
import io.storyline.deploy.kubernetes.keda.ScaledObject;
import io.strimzi.api.kafka.model.user.KafkaUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both overlays render, and every rendered object is a valid instance of its typed model. */
class ManifestModelTest {

    static List<String> overlays() {
        return RenderedOverlay.OVERLAYS;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyRenderedObjectParsesIntoItsTypedModel(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);

        Map<String, Integer> kinds = new TreeMap<>();
        rendered.objects().forEach(o -> kinds.merge(o.getKind(), 1, Integer::sum));
        System.out.println("overlay " + overlay + ": " + rendered.objects().size() + " objects " + kinds);
        assertThat(kinds).containsEntry("Namespace", 1).containsEntry("Kafka", 1).containsEntry("Deployment", 3)
                .containsEntry("Service", 3).containsEntry("PodDisruptionBudget", 3).containsEntry("NetworkPolicy", 3)
                .containsEntry("ScaledObject", 1).containsEntry("TriggerAuthentication", 1)
                .containsKeys("KafkaNodePool", "KafkaTopic", "KafkaUser", "HorizontalPodAutoscaler");
        assertThat(rendered.objects()).hasSize(rendered.documents().size());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyNamespacedObjectLandsInTheOverlaysNamespace(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        String namespace = rendered.all(Namespace.class).get(0).getMetadata().getName();
        for (HasMetadata object : rendered.objects()) {
            if (object instanceof Namespaced) {
                assertThat(object.getMetadata().getNamespace()).as(object.getKind() + " " + object.getMetadata().getName())
                        .isEqualTo(namespace);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void strimziResourcesUseOnlyFieldsOfTheirApiVersion(String overlay) {
        for (HasMetadata object : RenderedOverlay.of(overlay).objects()) {
            if (object.getApiVersion().startsWith("kafka.strimzi.io/")) {
                String version = object.getApiVersion().substring("kafka.strimzi.io/".length());
                assertThat(StrimziApiVersions.problems(object, version)).as(object.getKind() + " " + object.getMetadata().getName())
                        .isEmpty();
            }
        }
    }

    @Test
    void theBaseRendersOnItsOwn() {
        List<JsonNode> documents = StrictModels.documents(Kustomize.render(Kustomize.moduleDir().resolve("base")));
        documents.forEach(StrictModels::parse);
        assertThat(documents).extracting(d -> d.path("kind").asText()).doesNotContain("KafkaNodePool", "Namespace");
    }

    // The checks above can fail: a misspelt or misplaced field is rejected by each kind of model.

    @Test
    void aMisspeltFieldInADeploymentIsRejected() {
        assertRejected("Deployment", "ingest-service", d -> ((ObjectNode) d.at("/spec/template/spec/containers/0/readinessProbe/httpGet"))
                .put("paht", "/q/health/ready"), "paht");
    }

    @Test
    void aFieldAtTheWrongLevelOfAKafkaTopicIsRejected() {
        assertRejected("KafkaTopic", "news-stories", d -> ((ObjectNode) d.get("spec")).put("retention.ms", 1000), "retention.ms");
    }

    @Test
    void anUnknownListenerFieldOfTheKafkaClusterIsRejected() {
        assertRejected("Kafka", "storyline", d -> ((ObjectNode) d.at("/spec/kafka/listeners/0")).put("authentification", "tls"),
                "authentification");
    }

    @Test
    void anUnknownScaledObjectFieldIsRejected() {
        assertRejected("ScaledObject", "nlp-service", d -> ((ObjectNode) d.get("spec")).put("maxReplicas", 3), "maxReplicas");
    }

    @Test
    void anUnknownKindIsRejected() {
        ObjectNode config = StrictModels.documents("apiVersion: v1\nkind: ConfigMapp\nmetadata: {name: x}\n").get(0).deepCopy();
        assertThatThrownBy(() -> StrictModels.parse(config)).hasMessageContaining("no typed model for v1/ConfigMapp");
    }

    @Test
    void aV1beta2OnlyFieldIsFlaggedUnderV1() {
        JsonNode user = document("KafkaUser", "nlp-service").deepCopy();
        ObjectNode rule = (ObjectNode) user.at("/spec/authorization/acls/0");
        rule.remove("operations");
        rule.put("operation", "Read");
        KafkaUser parsed = (KafkaUser) StrictModels.parse(user);
        assertThat(StrimziApiVersions.problems(parsed, "v1")).anySatisfy(p -> assertThat(p).contains("acls[0].operation"));
        assertThat(StrimziApiVersions.problems(parsed, "v1beta2")).noneSatisfy(p -> assertThat(p).contains("not part of"));
    }

    @Test
    void strimziVersionRangesFollowKubernetesVersionOrder() {
        assertThat(StrimziApiVersions.inRange("v1", "v1+")).isTrue();
        assertThat(StrimziApiVersions.inRange("v1beta2", "v1+")).isFalse();
        assertThat(StrimziApiVersions.inRange("v1", "v1beta2")).isFalse();
        assertThat(StrimziApiVersions.inRange("v1beta2", "v1alpha1-v1beta2")).isTrue();
        assertThat(StrimziApiVersions.inRange("v1", "v1alpha1-v1beta2")).isFalse();
    }

    @Test
    void kafkaScalerParametersAreChecked() {
        Map<String, String> metadata = new HashMap<>(((ScaledObject) RenderedOverlay.of("dev").get(ScaledObject.class, "nlp-service"))
                .getSpec().triggers().get(0).metadata());
        assertThat(KafkaScaler.problems(metadata)).isEmpty();
        metadata.put("lagTreshold", "10");
        metadata.put("offsetResetPolicy", "oldest");
        metadata.remove("consumerGroup");
        assertThat(KafkaScaler.problems(metadata)).containsExactlyInAnyOrder("unknown Kafka scaler parameter 'lagTreshold'",
                "missing required parameter 'consumerGroup'", "offsetResetPolicy must be earliest or latest, not 'oldest'");
    }

    private static JsonNode document(String kind, String name) {
        return RenderedOverlay.of("dev").documents().stream()
                .filter(d -> d.path("kind").asText().equals(kind) && d.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in dev"));
    }

    private static void assertRejected(String kind, String name, Consumer<JsonNode> corruption, String field) {
        JsonNode document = document(kind, name).deepCopy();
        StrictModels.parse(document);
        corruption.accept(document);
        assertThatThrownBy(() -> StrictModels.parse(document)).isInstanceOf(AssertionError.class).hasMessageContaining(field);
    }

}
