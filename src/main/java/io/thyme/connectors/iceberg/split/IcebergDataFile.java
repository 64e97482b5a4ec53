package io.thyme.connectors.iceberg.split;

import java.io.Serializable;
import org.apache.iceberg.DataFile;

/** A data file of a split: where it is, how it is written, and how many rows it holds. */
public record IcebergDataFile(String location, String format, long recordCount, long sizeBytes)
        implements Serializable {

    public static IcebergDataFile of(DataFile file) {
        return new IcebergDataFile(
                file.location(), file.format().name(), file.recordCount(), file.fileSizeInBytes());
    }
}
