package io.thyme.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The connector object of {@code @source}: its kind (e.g. {@code KafkaSource}) and its parameters,
 * already checked by the connector's own validator.
 */
public record ConnectorSpec(String kind, Map<String, Object> parameters) {

    public ConnectorSpec {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public Optional<String> string(String name) {
        Object value = parameters.get(name);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    /**
     * A parameter of a validated spec, whose required parameters are all there (for the connector's
     * factory). Validation reads parameters with {@link #string}: a missing one is reported, not
     * thrown.
     */
    public String requiredString(String name) {
        return string(name)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        String.format(
                                                "%s has no parameter %s; was the spec validated?",
                                                kind, name)));
    }

    /** A parameter that holds a mapping of strings, e.g. client properties; empty when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, String> stringMap(String name) {
        Object value = parameters.get(name);
        return value instanceof Map ? (Map<String, String>) value : Map.of();
    }
}
