package io.thyme.conf;

import java.time.Duration;

/**
 * Job-wide settings: how often to checkpoint (which is also how often the exactly-once sink
 * commits) and after how long without events a split stops holding back the watermark.
 */
public record JobConf(Duration checkpointInterval, Duration idleTimeout) {}
