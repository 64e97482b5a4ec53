package io.thyme.connectors.s3;

import org.apache.flink.api.connector.source.SourceEvent;

/**
 * From a reader to the enumerator: it finished the split {@code splitId} of listing {@code
 * listing}, whose highest row cursor value was {@code maxCursor} and newest event time {@code
 * maxEventTimeMillis}.
 */
public record CursorReport(String splitId, long listing, Object maxCursor, long maxEventTimeMillis)
        implements SourceEvent {}
