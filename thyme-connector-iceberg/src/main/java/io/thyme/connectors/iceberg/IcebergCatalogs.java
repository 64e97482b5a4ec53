package io.thyme.connectors.iceberg;

import io.thyme.conf.ConnectionEntry;
import io.thyme.conf.ConnectionSection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code iceberg:} section of {@code conf/thyme.yaml}: catalogs by name. */
public final class IcebergCatalogs {
    public static final ConnectionSection<IcebergCatalogConf> SECTION =
            new ConnectionSection<>(
                    "iceberg", "catalog", IcebergCatalogConf.class, IcebergCatalogs::read);

    private static final List<String> TYPES = List.of("hadoop", "rest", "jdbc");

    private IcebergCatalogs() {}

    static IcebergCatalogConf read(ConnectionEntry catalog) {
        catalog.acceptOnly(List.of("type", "warehouse", "uri", "properties"));
        Map<String, String> props = catalog.properties();
        Optional<String> given = catalog.requiredLiteral("type");
        given.filter(t -> !TYPES.contains(t))
                .ifPresent(
                        t ->
                                catalog.problem(
                                        "type",
                                        "'%s' is not a catalog type this build runs; write one of"
                                                + " %s",
                                        t,
                                        String.join(", ", TYPES)));
        // What else a catalog needs depends on its type; without a known type, nothing is required.
        String type = given.filter(TYPES::contains).orElse("");
        props.put("type", given.orElse(""));
        boolean needsWarehouse = !type.isEmpty() && !type.equals("rest");
        boolean needsUri = !type.isEmpty() && !type.equals("hadoop");
        (needsWarehouse ? catalog.nonEmptyLiteral("warehouse") : catalog.literal("warehouse"))
                .ifPresent(
                        w ->
                                props.put(
                                        "warehouse",
                                        ConnectionEntry.absoluteFileUri(
                                                catalog.resolve("warehouse", w))));
        (needsUri ? catalog.nonEmptyLiteral("uri") : catalog.literal("uri"))
                .ifPresent(u -> props.put("uri", catalog.resolve("uri", u)));
        return new IcebergCatalogConf(catalog.name(), props);
    }
}
