package io.thyme.connectors;

/** One parameter a connector accepts in its spec, e.g. {@code topic} of {@code KafkaSource}. */
public record ConnectorParameter(String name, Type type, boolean required, String description) {

    /** The YAML shape a parameter takes. */
    public enum Type {
        STRING,
        /** A whole number, written bare or quoted. */
        INT,
        STRING_MAP
    }

    public static ConnectorParameter required(String name, String description) {
        return new ConnectorParameter(name, Type.STRING, true, description);
    }

    public static ConnectorParameter optional(String name, String description) {
        return new ConnectorParameter(name, Type.STRING, false, description);
    }

    public static ConnectorParameter optionalInt(String name, String description) {
        return new ConnectorParameter(name, Type.INT, false, description);
    }

    public static ConnectorParameter optionalMap(String name, String description) {
        return new ConnectorParameter(name, Type.STRING_MAP, false, description);
    }
}
