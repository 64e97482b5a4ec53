package io.thyme.connectors.iceberg;

import io.thyme.testing.LocalIceberg;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/** IcebergSource through Iceberg's REST catalog, served on 127.0.0.1 by scripts/iceberg-rest.sh. */
class IcebergRestCatalogITCase extends IcebergSourceITCase {

    @BeforeAll
    static void restCatalogIsUp() {
        LocalIceberg.requireRestCatalog();
    }

    @Override
    IcebergCatalogConf catalog(Path warehouse) {
        return LocalIceberg.restCatalog("lake");
    }
}
