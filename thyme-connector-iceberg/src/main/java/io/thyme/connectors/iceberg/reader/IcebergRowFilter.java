package io.thyme.connectors.iceberg.reader;

import io.thyme.connectors.iceberg.split.IcebergDataFile;
import io.thyme.connectors.iceberg.split.IcebergDeleteFile;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.data.DeleteFilter;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.DeleteCounter;
import org.apache.iceberg.deletes.PositionDeleteIndex;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;

/**
 * Which rows of a data file a split reads (see {@link IcebergDataFile}): those none of its {@code
 * deletes} deletes and, with {@code onlyDeletedBy}, only those one of these deletes. Iceberg's own
 * {@link DeleteFilter} loads the delete files (position deletes as a bitmap of the file's
 * positions, equality deletes as a set of values, the same as its Spark and Flink readers do); the
 * file is read whole and in order, so a row's position is its index.
 */
final class IcebergRowFilter {
    private final Deletes deletes;
    private final Deletes onlyDeletedBy;

    private IcebergRowFilter(Deletes deletes, Deletes onlyDeletedBy) {
        this.deletes = deletes;
        this.onlyDeletedBy = onlyDeletedBy;
    }

    /** A filter of {@code file}'s rows; read them with {@link #readSchema()}. */
    static IcebergRowFilter of(
            FileIO io,
            Schema tableSchema,
            Map<Integer, PartitionSpec> specs,
            Schema projection,
            IcebergDataFile file) {
        Deletes live =
                new Deletes(
                        io,
                        file.location(),
                        toDeleteFiles(file.deletes(), specs),
                        tableSchema,
                        projection);
        Deletes deletedBy =
                file.onlyDeletedBy().isEmpty()
                        ? null
                        : new Deletes(
                                io,
                                file.location(),
                                toDeleteFiles(file.onlyDeletedBy(), specs),
                                tableSchema,
                                live.requiredSchema());
        return new IcebergRowFilter(live, deletedBy);
    }

    /** The projection plus the columns the equality deletes compare. */
    Schema readSchema() {
        return onlyDeletedBy == null ? deletes.requiredSchema() : onlyDeletedBy.requiredSchema();
    }

    /** Whether the split reads the row at {@code position}. */
    boolean reads(Record record, long position) {
        if (deletes.deletes(record, position)) {
            return false;
        }
        return onlyDeletedBy == null || onlyDeletedBy.deletes(record, position);
    }

    private static List<DeleteFile> toDeleteFiles(
            List<IcebergDeleteFile> files, Map<Integer, PartitionSpec> specs) {
        return files.stream().map(f -> f.toDeleteFile(specs)).toList();
    }

    /** Iceberg's delete filter over generic records, as its GenericDeleteFilter. */
    private static final class Deletes extends DeleteFilter<Record> {
        private final FileIO io;
        private final InternalRecordWrapper wrapper;

        Deletes(
                FileIO io,
                String dataFile,
                List<DeleteFile> deletes,
                Schema tableSchema,
                Schema requested) {
            // no _pos column: the caller counts positions
            super(dataFile, deletes, tableSchema, requested, new DeleteCounter(), false);
            this.io = io;
            this.wrapper = new InternalRecordWrapper(requiredSchema().asStruct());
        }

        boolean deletes(Record record, long position) {
            PositionDeleteIndex positions = deletedRowPositions();
            if (positions != null && positions.isDeleted(position)) {
                return true;
            }
            return hasEqDeletes() && !eqDeletedRowFilter().test(record);
        }

        @Override
        protected StructLike asStructLike(Record record) {
            return wrapper.wrap(record);
        }

        @Override
        protected InputFile getInputFile(String location) {
            return io.newInputFile(location);
        }
    }
}
