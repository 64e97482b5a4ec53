package io.thyme.connectors.kinesis;

import org.apache.flink.api.connector.source.SourceEvent;

/** From a reader to the enumerator: a shard was read to its end (it was split or merged). */
public record ShardFinished(String shardId) implements SourceEvent {}
