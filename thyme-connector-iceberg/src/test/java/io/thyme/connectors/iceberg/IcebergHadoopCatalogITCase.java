package io.thyme.connectors.iceberg;

import io.thyme.testing.LocalIceberg;
import java.nio.file.Path;

/** IcebergSource through a Hadoop catalog on a {@code file:} warehouse. */
class IcebergHadoopCatalogITCase extends IcebergSourceITCase {

    @Override
    IcebergCatalogConf catalog(Path warehouse) {
        return LocalIceberg.hadoopCatalog("lake", warehouse);
    }
}
