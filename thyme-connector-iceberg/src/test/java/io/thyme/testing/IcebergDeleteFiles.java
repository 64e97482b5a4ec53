package io.thyme.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.deletes.PositionDelete;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.encryption.EncryptedOutputFile;

/**
 * Row-level delete files (format version 2) written with Iceberg's own writers, as merge-on-read
 * engines and Flink's Iceberg sink write them; commit them with {@code table.newRowDelta()}.
 */
public final class IcebergDeleteFiles {
    private IcebergDeleteFiles() {}

    /** A position delete file deleting the rows of {@code target} at {@code positions}. */
    public static DeleteFile positions(Table table, DataFile target, long... positions) {
        GenericAppenderFactory factory =
                new GenericAppenderFactory(table.schema(), table.spec(), null, null, null);
        PositionDeleteWriter<Record> writer =
                factory.newPosDeleteWriter(
                        output(table, target.partition()), FileFormat.PARQUET, target.partition());
        try (writer) {
            PositionDelete<Record> delete = PositionDelete.create();
            for (long position : java.util.Arrays.stream(positions).sorted().toArray()) {
                writer.write(delete.set(target.location(), position, null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.toDeleteFile();
    }

    /**
     * An equality delete file on {@code columns} in {@code partition} (null when unpartitioned),
     * one row per entry of {@code values}, each the columns' values in order; only those columns
     * are written, as Flink's sink writes them in upsert mode.
     */
    public static DeleteFile equality(
            Table table, StructLike partition, List<String> columns, List<List<Object>> values) {
        Schema deleteSchema = table.schema().select(columns);
        int[] ids = columns.stream().mapToInt(c -> table.schema().findField(c).fieldId()).toArray();
        GenericAppenderFactory factory =
                new GenericAppenderFactory(table.schema(), table.spec(), ids, deleteSchema, null);
        EqualityDeleteWriter<Record> writer =
                factory.newEqDeleteWriter(output(table, partition), FileFormat.PARQUET, partition);
        try (writer) {
            for (List<Object> row : values) {
                Record record = GenericRecord.create(deleteSchema);
                for (int i = 0; i < columns.size(); i++) {
                    record.setField(columns.get(i), row.get(i));
                }
                writer.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.toDeleteFile();
    }

    private static EncryptedOutputFile output(Table table, StructLike partition) {
        String name = "delete-" + UUID.randomUUID() + ".parquet";
        String path =
                table.spec().isUnpartitioned()
                        ? table.locationProvider().newDataLocation(name)
                        : table.locationProvider().newDataLocation(table.spec(), partition, name);
        return EncryptedFiles.plainAsEncryptedOutput(table.io().newOutputFile(path));
    }
}
