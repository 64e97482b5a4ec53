package io.thyme.connectors.iceberg;

import java.io.Serializable;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Which table a source reads: a catalog from conf/thyme.yaml, a database (namespace, dots for
 * levels) and a table name. Serializable: the enumerator and every reader open it themselves.
 */
public record IcebergTableRef(IcebergCatalogConf catalog, String database, String table)
        implements Serializable {

    public TableIdentifier identifier() {
        return TableIdentifier.of(Namespace.of(database.split("\\.")), table);
    }

    /** The catalog, opened; close it with the returned handle. */
    public Catalog openCatalog() {
        org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
        return CatalogUtil.buildIcebergCatalog(catalog.name(), catalog.properties(), hadoop);
    }

    /** The table, loaded now, with the catalog that must be closed after it. */
    public LoadedTable load() {
        Catalog opened = openCatalog();
        try {
            return new LoadedTable(opened, opened.loadTable(identifier()));
        } catch (RuntimeException e) {
            LoadedTable.closeQuietly(opened);
            throw e;
        }
    }

    /** For messages: {@code prod.events.transactions}. */
    public String displayName() {
        return catalog.name() + "." + database + "." + table;
    }
}
