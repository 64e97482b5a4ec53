package io.thyme.connectors.iceberg;

import java.io.Closeable;
import java.io.IOException;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;

/** A table and the catalog client it was loaded through (REST and JDBC clients hold resources). */
public final class LoadedTable implements AutoCloseable {
    private final Catalog catalog;
    private final Table table;

    LoadedTable(Catalog catalog, Table table) {
        this.catalog = catalog;
        this.table = table;
    }

    public Table table() {
        return table;
    }

    @Override
    public void close() {
        closeQuietly(catalog);
    }

    static void closeQuietly(Catalog catalog) {
        if (catalog instanceof Closeable) {
            try {
                ((Closeable) catalog).close();
            } catch (IOException e) {
                // nothing was written through it; the next open starts afresh
            }
        }
    }
}
