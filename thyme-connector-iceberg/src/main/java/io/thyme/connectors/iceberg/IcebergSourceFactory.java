package io.thyme.connectors.iceberg;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.SourceFactory;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import io.thyme.sink.PreflightException;
import io.thyme.spec.CdcMode;
import io.thyme.spec.ConnectorSpec;
import io.thyme.spec.JobSpec;
import io.thyme.time.LatenessWatermarkStrategy;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** IcebergSource: file splits from new snapshots, planned by the enumerator. */
public final class IcebergSourceFactory implements SourceFactory {
    private static final Logger LOG = LoggerFactory.getLogger(IcebergSourceFactory.class);

    @Override
    public String kind() {
        return IcebergSourceOptions.KIND;
    }

    @Override
    public void check(JobSpec spec, ThymeConf conf) {
        IcebergTableRef ref = ref(spec, conf);
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try (LoadedTable loaded = ref.load()) {
            IcebergRows.check(loaded.table().schema(), spec.dataset(), problems, warnings);
        } catch (NoSuchTableException e) {
            throw new PreflightException(
                    String.format(
                            "%s: IcebergSource: catalog '%s' (%s) has no table %s.%s; create it,"
                                    + " or fix database/table in the spec",
                            spec.file(),
                            ref.catalog().name(),
                            ref.catalog().location(),
                            ref.database(),
                            ref.table()),
                    e);
        } catch (RuntimeException e) {
            throw new PreflightException(
                    String.format(
                            "%s: IcebergSource: cannot open catalog '%s' (%s type %s): %s. Is it"
                                    + " reachable, and is conf/thyme.yaml right?",
                            spec.file(),
                            ref.catalog().name(),
                            ref.catalog().location(),
                            ref.catalog().type(),
                            e.getMessage()),
                    e);
        }
        warnings.forEach(w -> LOG.warn("{}: {}", spec.file(), w));
        if (!problems.isEmpty()) {
            throw new PreflightException(
                    spec.file()
                            + ": IcebergSource cannot read "
                            + ref.displayName()
                            + ":\n  - "
                            + String.join("\n  - ", problems));
        }
    }

    @Override
    public Source<Either<Row, InvalidRow>, ?, ?> create(
            JobSpec spec, ThymeConf conf, EventSchema schema) {
        IcebergTableRef ref = ref(spec, conf);
        return new IcebergSource(
                ref,
                spec.dataset(),
                new IcebergRows(schema, ref.displayName()),
                spec.source().cursor().orElseThrow(),
                spec.source().every().orElseThrow(),
                spec.source().maxLateness(),
                spec.source().cdc() == CdcMode.UPSERT,
                schema.decodedType());
    }

    private static IcebergTableRef ref(JobSpec spec, ThymeConf conf) {
        ConnectorSpec connector = spec.source().connector();
        return new IcebergTableRef(
                conf.connection(
                                IcebergCatalogs.SECTION,
                                connector.requiredString(IcebergSourceOptions.CATALOG))
                        .orElseThrow(),
                connector.requiredString(IcebergSourceOptions.DATABASE),
                connector.requiredString(IcebergSourceOptions.TABLE));
    }

    /**
     * Upsert reads every split on one reader in commit order, so that a key's changes from
     * successive snapshots reach the upsert step in order: the source (and what precedes the key
     * split) runs at parallelism 1, the same reader across failovers, restores and rescales.
     */
    @Override
    public java.util.OptionalInt fixedParallelism(JobSpec spec) {
        return spec.source().cdc() == io.thyme.spec.CdcMode.UPSERT
                ? java.util.OptionalInt.of(1)
                : java.util.OptionalInt.empty();
    }

    /** Watermarks from the splits' column statistics: see the reader's record emitter. */
    @Override
    public WatermarkStrategy<Either<Row, InvalidRow>> watermarks(
            JobSpec spec, EventSchema schema, java.time.Duration idleTimeout) {
        return LatenessWatermarkStrategy.fromSplits(schema, idleTimeout);
    }
}
