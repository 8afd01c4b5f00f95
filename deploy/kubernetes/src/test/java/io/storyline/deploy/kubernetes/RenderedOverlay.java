package io.storyline.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An overlay rendered by kubectl kustomize, every object parsed into its typed model. */
record RenderedOverlay(String name, List<JsonNode> documents, List<HasMetadata> objects) {

    static final List<String> OVERLAYS = List.of("dev", "prod");

    private static final Map<String, RenderedOverlay> CACHE = new ConcurrentHashMap<>();

    static RenderedOverlay of(String overlay) {
        return CACHE.computeIfAbsent(overlay, o -> {
            List<JsonNode> documents = StrictModels.documents(Kustomize.render(Kustomize.overlay(o)));
            List<HasMetadata> objects = new ArrayList<>();
            documents.forEach(d -> objects.add(StrictModels.parse(d)));
            return new RenderedOverlay(o, List.copyOf(documents), List.copyOf(objects));
        });
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                "overlay " + this.name + " has no " + type.getSimpleName() + " named " + name));
    }

    @Override
    public String toString() {
        return name;
    }
}
