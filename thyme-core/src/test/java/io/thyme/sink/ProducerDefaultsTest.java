package io.thyme.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProducerDefaultsTest {
    @Test
    void fillsInCompressionLingerAndBatchSize() {
        Properties producer = DatasetSinks.withProducerDefaults(new Properties());

        assertThat(producer)
                .containsEntry("compression.type", "lz4")
                .containsEntry("linger.ms", "5")
                .containsEntry("batch.size", "262144");
    }

    @Test
    void keepsWhatTheConnectionSets() {
        Properties connection = new Properties();
        connection.setProperty("compression.type", "zstd");
        connection.setProperty("batch.size", "0");
        connection.setProperty("acks", "all");

        Properties producer = DatasetSinks.withProducerDefaults(connection);

        assertThat(producer)
                .containsEntry("compression.type", "zstd")
                .containsEntry("batch.size", "0")
                .containsEntry("acks", "all")
                .containsEntry("linger.ms", "5");
    }
}
