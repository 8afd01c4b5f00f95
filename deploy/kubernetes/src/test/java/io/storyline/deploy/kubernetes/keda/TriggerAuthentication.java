package io.storyline.deploy.kubernetes.keda;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;

import java.util.List;

/**
 * KEDA's TriggerAuthentication (keda.sh/v1alpha1): where a scaler's authentication parameters come from
 * (https://keda.sh/docs/2.18/concepts/authentication/). Only the Kubernetes-native sources are modelled;
 * the cloud secret stores (Vault, Azure Key Vault, ...) would fail the parse, and the deployment uses none.
 */
@Group("keda.sh")
@Version("v1alpha1")
@Kind("TriggerAuthentication")
public class TriggerAuthentication extends CustomResource<TriggerAuthentication.Spec, Void> implements Namespaced {

    public record Spec(List<SecretTargetRef> secretTargetRef, List<ConfigMapTargetRef> configMapTargetRef, List<Env> env,
            PodIdentity podIdentity) {
    }

    public record SecretTargetRef(String parameter, String name, String key) {
    }

    public record ConfigMapTargetRef(String parameter, String name, String key) {
    }

    public record Env(String parameter, String name, String containerName) {
    }

    public record PodIdentity(String provider, String identityId, String identityTenantId, String identityAuthorityHost,
            String roleArn, Boolean identityOwner) {
    }
}
