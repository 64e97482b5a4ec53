package io.thyme.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.io.OutputFile;

/**
 * Writes rows into an unpartitioned Iceberg table the way any writer does: a Parquet data file with
 * column statistics, then a commit. Used by the demo's generator, the benchmark and tests.
 */
public final class IcebergTableWriter {
    private IcebergTableWriter() {}

    /** Writes one Parquet data file of the rows (not yet part of any snapshot). */
    public static DataFile write(Table table, List<Record> rows) {
        if (!table.spec().isUnpartitioned()) {
            throw new IllegalArgumentException(
                    table.name() + " is partitioned; write unpartitioned tables only");
        }
        String path = table.locationProvider().newDataLocation(UUID.randomUUID() + ".parquet");
        OutputFile output = table.io().newOutputFile(path);
        FileAppender<Record> appender =
                new GenericAppenderFactory(table.schema()).newAppender(output, FileFormat.PARQUET);
        try (appender) {
            appender.addAll(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DataFiles.builder(table.spec())
                .withPath(path)
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
