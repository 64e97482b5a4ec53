package io.thyme.connectors.iceberg.split;

import java.io.Serializable;
import java.util.List;
import org.apache.iceberg.DataFile;

/**
 * A data file of a split: where it is, how it is written, how many rows it holds, and which of its
 * rows the split reads. Those are the rows none of {@code deletes} deletes (the delete files that
 * apply to it in the snapshot read: only live rows are read) and, when {@code onlyDeletedBy} is not
 * empty, only those of them that one of {@code onlyDeletedBy} deletes (the rows a snapshot's new
 * delete files removed from a file that stays).
 */
public record IcebergDataFile(
        String location,
        String format,
        long recordCount,
        long sizeBytes,
        List<IcebergDeleteFile> deletes,
        List<IcebergDeleteFile> onlyDeletedBy)
        implements Serializable {

    public IcebergDataFile {
        deletes = List.copyOf(deletes);
        onlyDeletedBy = List.copyOf(onlyDeletedBy);
    }

    /** A file read whole. */
    public IcebergDataFile(String location, String format, long recordCount, long sizeBytes) {
        this(location, format, recordCount, sizeBytes, List.of(), List.of());
    }

    public static IcebergDataFile of(DataFile file) {
        return of(file, List.of(), List.of());
    }

    public static IcebergDataFile of(
            DataFile file, List<IcebergDeleteFile> deletes, List<IcebergDeleteFile> onlyDeletedBy) {
        return new IcebergDataFile(
                file.location(),
                file.format().name(),
                file.recordCount(),
                file.fileSizeInBytes(),
                deletes,
                onlyDeletedBy);
    }
}
