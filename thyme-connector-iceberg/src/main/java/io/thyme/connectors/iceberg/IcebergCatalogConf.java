package io.thyme.connectors.iceberg;

import io.thyme.conf.SecretMask;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named Iceberg catalog from {@code conf/thyme.yaml}: its {@code type} (hadoop, rest or jdbc) and
 * the catalog properties Iceberg's {@code CatalogUtil} takes ({@code warehouse}, {@code uri},
 * {@code jdbc.user}, ...). {@link #toString()} masks secrets.
 */
public record IcebergCatalogConf(String name, Map<String, String> properties)
        implements Serializable {

    public IcebergCatalogConf {
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public String type() {
        return properties.getOrDefault("type", "");
    }

    /** Where the catalog is, for messages: the REST or JDBC uri, or the warehouse. */
    public String location() {
        return properties.getOrDefault("uri", properties.getOrDefault("warehouse", "?"));
    }

    @Override
    public String toString() {
        return "IcebergCatalogConf[" + name + ", " + SecretMask.mask(properties) + "]";
    }
}
