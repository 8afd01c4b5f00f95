package io.storyline.deploy.kubernetes.keda;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;

import java.util.List;
import java.util.Map;

/**
 * KEDA's ScaledObject (keda.sh/v1alpha1), with the fields of KEDA's documentation
 * (https://keda.sh/docs/2.18/reference/scaledobject-spec/). KEDA publishes no Java model; a field not
 * listed here fails the parse, as it would fail the CRD's structural schema.
 */
@Group("keda.sh")
@Version("v1alpha1")
@Kind("ScaledObject")
public class ScaledObject extends CustomResource<ScaledObject.Spec, Void> implements Namespaced {

    public record Spec(ScaleTargetRef scaleTargetRef, Integer pollingInterval, Integer cooldownPeriod,
            Integer initialCooldownPeriod, Integer idleReplicaCount, Integer minReplicaCount, Integer maxReplicaCount,
            Fallback fallback, Advanced advanced, List<Trigger> triggers) {
    }

    public record ScaleTargetRef(String apiVersion, String kind, String name, String envSourceContainerName) {
    }

    public record Fallback(Integer failureThreshold, Integer replicas, String behavior) {
    }

    public record Advanced(Boolean restoreToOriginalReplicaCount, HorizontalPodAutoscalerConfig horizontalPodAutoscalerConfig,
            ScalingModifiers scalingModifiers) {
    }

    /** The HPA KEDA creates; behavior is the HPA's own autoscaling/v2 type. */
    public record HorizontalPodAutoscalerConfig(String name, HorizontalPodAutoscalerBehavior behavior) {
    }

    public record ScalingModifiers(String formula, String target, String activationTarget, String metricType) {
    }

    /** One scaler. Its metadata keys depend on the scaler type; {@link KafkaScaler} lists the Kafka ones. */
    public record Trigger(String type, String name, Boolean useCachedMetrics, String metricType, Map<String, String> metadata,
            AuthenticationRef authenticationRef) {
    }

    public record AuthenticationRef(String name, String kind) {
    }
}
