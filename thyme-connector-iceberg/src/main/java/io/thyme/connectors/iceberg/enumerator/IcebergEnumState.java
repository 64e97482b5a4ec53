package io.thyme.connectors.iceberg.enumerator;

import io.thyme.connectors.iceberg.split.IcebergFileSplit;
import java.util.List;

/** The enumerator's checkpoint: its planning position and the splits not yet handed out. */
public record IcebergEnumState(IcebergPosition position, List<IcebergFileSplit> pending) {

    public IcebergEnumState {
        pending = List.copyOf(pending);
    }
}
