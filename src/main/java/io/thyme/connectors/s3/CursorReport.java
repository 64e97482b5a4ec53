package io.thyme.connectors.s3;

import org.apache.flink.api.connector.source.SourceEvent;

/** From a reader to the enumerator: the highest row cursor value of an object it finished. */
public record CursorReport(Object maxCursor) implements SourceEvent {}
