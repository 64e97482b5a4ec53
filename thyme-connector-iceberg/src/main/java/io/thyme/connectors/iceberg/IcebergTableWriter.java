package io.thyme.connectors.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.io.OutputFile;

/**
 * Writes rows into an Iceberg table the way any writer does: a Parquet data file with column
 * statistics (in the rows' partition, for a partitioned table), then a commit. Used by the demo's
 * generator, the benchmark and tests.
 */
public final class IcebergTableWriter {
    private IcebergTableWriter() {}

    /**
     * Writes one Parquet data file of the rows (not yet part of any snapshot); in a partitioned
     * table, all rows must fall in one partition.
     */
    public static DataFile write(Table table, List<Record> rows) {
        PartitionKey partition = null;
        String name = UUID.randomUUID() + ".parquet";
        String path = table.locationProvider().newDataLocation(name);
        if (!table.spec().isUnpartitioned()) {
            InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
            partition = new PartitionKey(table.spec(), table.schema());
            partition.partition(wrapper.wrap(rows.get(0)));
            PartitionKey other = partition.copy();
            for (Record row : rows) {
                other.partition(wrapper.wrap(row));
                if (!other.equals(partition)) {
                    throw new IllegalArgumentException(
                            "rows of one file must share a partition: "
                                    + partition.toPath()
                                    + " and "
                                    + other.toPath());
                }
            }
            path = table.locationProvider().newDataLocation(table.spec(), partition, name);
        }
        OutputFile output = table.io().newOutputFile(path);
        FileAppender<Record> appender =
                new GenericAppenderFactory(table.schema()).newAppender(output, FileFormat.PARQUET);
        try (appender) {
            appender.addAll(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DataFiles.Builder file = DataFiles.builder(table.spec());
        if (partition != null) {
            file.withPartition(partition);
        }
        return file.withPath(path)
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(appender.length())
                .withMetrics(appender.metrics())
                .withSplitOffsets(appender.splitOffsets())
                .build();
    }

    /** Appends the rows as one data file in one snapshot; returns the file. */
    public static DataFile append(Table table, List<Record> rows) {
        DataFile file = write(table, rows);
        table.newAppend().appendFile(file).commit();
        return file;
    }
}
