package io.thyme.connectors.iceberg.split;

import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.iceberg.ContentFileParser;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.util.JsonUtil;

/**
 * A row-level delete file of a split (position or equality deletes): its location and Iceberg's own
 * JSON of it ({@link ContentFileParser}, what Iceberg's REST protocol and its Flink source's splits
 * carry), read back against the table's partition specs when the split is read.
 */
public record IcebergDeleteFile(String location, String json) implements Serializable {

    public static IcebergDeleteFile of(DeleteFile file, Map<Integer, PartitionSpec> specs) {
        return new IcebergDeleteFile(
                file.location(), ContentFileParser.toJson(file, specs.get(file.specId())));
    }

    public DeleteFile toDeleteFile(Map<Integer, PartitionSpec> specs) {
        try {
            return (DeleteFile) ContentFileParser.fromJson(JsonUtil.mapper().readTree(json), specs);
        } catch (org.apache.iceberg.shaded.com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(
                    "delete file " + location + " of a split does not parse: " + e.getMessage(), e);
        }
    }
}
