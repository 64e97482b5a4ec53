package io.thyme.connectors.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.conf.ThymeConf;
import io.thyme.testing.TestConf;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The iceberg: catalogs in conf/thyme.yaml: what ConfLoader reads, and what it refuses with the
 * fix.
 */
class IcebergCatalogsTest {
    @TempDir Path dir;

    private ThymeConf load(String yaml, Map<String, String> env) throws IOException {
        return TestConf.load(dir, yaml, env);
    }

    @Test
    void readsIcebergCatalogsAndPinsRelativeWarehousesToTheWorkingDirectory() throws IOException {
        ThymeConf conf =
                load(
                        String.join(
                                "\n",
                                "kafka: {local: {bootstrap_servers: 127.0.0.1:9092}}",
                                "iceberg:",
                                "  prod: {type: hadoop, warehouse: file:.thyme/warehouse}",
                                "  lake:",
                                "    type: rest",
                                "    uri: http://127.0.0.1:8181",
                                "    properties: {credential: '${env:CRED}'}",
                                "sink: {cluster: local}"),
                        Map.of("CRED", "id:s3cr3t"));
        assertThat(conf.connection(IcebergCatalogs.SECTION, "prod").orElseThrow().properties())
                .containsEntry("type", "hadoop")
                .containsEntry(
                        "warehouse",
                        Path.of(".thyme/warehouse")
                                .toAbsolutePath()
                                .normalize()
                                .toUri()
                                .toString());
        IcebergCatalogConf lake = conf.connection(IcebergCatalogs.SECTION, "lake").orElseThrow();
        assertThat(lake.properties())
                .containsEntry("uri", "http://127.0.0.1:8181")
                .containsEntry("credential", "id:s3cr3t");
        assertThat(lake.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void refusesIcebergCatalogsThatCannotBeOpened() {
        assertThatThrownBy(
                        () ->
                                load(
                                        String.join(
                                                "\n",
                                                "kafka: {local: {bootstrap_servers: x:9092}}",
                                                "iceberg:",
                                                "  a: {type: glue, warehouse: s3://w}",
                                                "  b: {type: rest}",
                                                "  c: {type: hadoop}",
                                                "sink: {cluster: local}"),
                                        Map.of()))
                .hasMessageContaining(
                        "iceberg.a.type: 'glue' is not a catalog type this build runs; write one"
                                + " of hadoop, rest, jdbc")
                .hasMessageContaining("iceberg.b.uri")
                .hasMessageContaining("iceberg.c.warehouse");
    }
}
