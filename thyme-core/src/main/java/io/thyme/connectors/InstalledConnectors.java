package io.thyme.connectors;

import io.thyme.conf.ConnectionSection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The connectors on the class path, by the kind a spec names, found once through {@link
 * ServiceLoader}. A jar holds the connectors its build picked; a spec naming another is refused by
 * validation with the list of those it holds.
 */
public final class InstalledConnectors {
    private static final Map<String, Connector> BY_KIND = load();
    private static final List<ConnectionSection<?>> SECTIONS = sections(BY_KIND);

    private InstalledConnectors() {}

    private static Map<String, Connector> load() {
        Map<String, Connector> byKind = new TreeMap<>();
        for (Connector connector :
                ServiceLoader.load(Connector.class, InstalledConnectors.class.getClassLoader())) {
            String kind = connector.options().kind();
            Connector other = byKind.put(kind, connector);
            if (other != null && other.getClass() != connector.getClass()) {
                throw new IllegalStateException(
                        "two connectors on the class path call themselves "
                                + kind
                                + ": "
                                + other.getClass().getName()
                                + " and "
                                + connector.getClass().getName());
            }
        }
        return byKind;
    }

    /** The connectors' conf sections, each once (two connectors may share one), in key order. */
    private static List<ConnectionSection<?>> sections(Map<String, Connector> byKind) {
        Map<String, ConnectionSection<?>> sections = new TreeMap<>();
        for (Connector connector : byKind.values()) {
            for (ConnectionSection<?> section : connector.connectionSections()) {
                ConnectionSection<?> known = sections.putIfAbsent(section.key(), section);
                if (known != null && !known.equals(section)) {
                    throw new IllegalStateException(
                            "two connectors declare the conf section "
                                    + section.key()
                                    + ": one must use the other's");
                }
            }
        }
        return List.copyOf(sections.values());
    }

    public static Optional<Connector> connector(String kind) {
        return Optional.ofNullable(BY_KIND.get(kind));
    }

    /** The spec options of {@code kind}, if this jar holds it. */
    public static Optional<ConnectorOptions> find(String kind) {
        return connector(kind).map(Connector::options);
    }

    /** The kinds this jar holds, in name order. */
    public static List<String> availableKinds() {
        return List.copyOf(BY_KIND.keySet());
    }

    /** The Flink source factory of a kind validation accepted. */
    public static SourceFactory sourceFactory(String kind) {
        return connector(kind)
                .map(Connector::sourceFactory)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "connector " + kind + " is not in this jar"));
    }

    /** The conf sections of every installed connector, each once, in key order. */
    public static List<ConnectionSection<?>> connectionSections() {
        return SECTIONS;
    }
}
