package io.thyme.connectors.iceberg.enumerator;

import io.thyme.connectors.iceberg.split.IcebergFileSplit;
import java.util.List;

/**
 * What one planning round found: new splits, the position after them, snapshots it could not turn
 * into events (with the reason, for the log and the {@code numSnapshotsSkipped} counter), and how
 * many data files the splits read.
 */
public record IcebergPlan(
        List<IcebergFileSplit> splits,
        IcebergPosition position,
        List<String> skippedSnapshots,
        long filesPlanned) {

    public IcebergPlan {
        splits = List.copyOf(splits);
        skippedSnapshots = List.copyOf(skippedSnapshots);
    }
}
