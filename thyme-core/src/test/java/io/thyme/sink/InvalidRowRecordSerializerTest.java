package io.thyme.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.event.InvalidRow;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class InvalidRowRecordSerializerTest {
    private final InvalidRowRecordSerializer serializer =
            new InvalidRowRecordSerializer(
                    "t.errors", RecordSizeLimit.of(new Properties(), "t.errors"));

    private static long size(ProducerRecord<byte[], byte[]> record) {
        long size = record.value() == null ? 0 : record.value().length;
        for (Header header : record.headers()) {
            size += header.key().length() + header.value().length;
        }
        return size;
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aRowWhoseReasonQuotesAHugeValueStillFitsTheSinksMaxRequestSize() {
        String value = "x".repeat(700_000);
        InvalidRow row =
                new InvalidRow(
                        "field 'amount': expected a number, found \"" + value + "\"",
                        "kinesis://s/shardId-0@1",
                        ("{\"amount\":\"" + value + "\"}").getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> record = serializer.serialize(row, null, null);

        assertThat(size(record))
                .as("bytes Kafka counts against max.request.size")
                .isLessThan(RecordSizeLimit.DEFAULT_MAX_REQUEST_SIZE);
        assertThat(header(record, Headers.REASON))
                .startsWith("field 'amount': expected a number, found \"xxx")
                .endsWith("... (cut from 700,043 characters)")
                .hasSizeLessThan(1_100);
        assertThat(header(record, Headers.ORIGIN)).isEqualTo("kinesis://s/shardId-0@1");
        assertThat(header(record, Headers.TRUNCATED)).isNull();
        assertThat(record.value()).isEqualTo(row.payload);
    }

    @Test
    void aPayloadThatFitsAloneButNotNextToItsHeadersIsCut() {
        byte[] payload = new byte[1_046_000];
        InvalidRow row = new InvalidRow("r".repeat(1_000), "o".repeat(1_000), payload);

        ProducerRecord<byte[], byte[]> record = serializer.serialize(row, null, null);

        assertThat(size(record)).isLessThan(RecordSizeLimit.DEFAULT_MAX_REQUEST_SIZE);
        assertThat(header(record, Headers.TRUNCATED)).isEqualTo("true");
        assertThat(record.value()).hasSize(RecordSizeLimit.KEPT_BYTES);
    }

    @Test
    void aSmallRowIsWrittenAsReceived() {
        InvalidRow row = new InvalidRow("field 'amount' is missing", "kafka://t/0@1", new byte[10]);

        ProducerRecord<byte[], byte[]> record = serializer.serialize(row, null, null);

        assertThat(header(record, Headers.REASON)).isEqualTo("field 'amount' is missing");
        assertThat(header(record, Headers.TRUNCATED)).isNull();
        assertThat(record.value()).hasSize(10);
    }
}
