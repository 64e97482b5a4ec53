package io.thyme.event;

import io.thyme.spec.BaseType;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import io.thyme.spec.FieldType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.flink.types.Row;

/**
 * {@code scripts/bench.sh codec}: the per-event cost of the JSON sources' decoder and of the sink's
 * encoder, and of the transcoding that replaces both in append mode ({@link EncodedEventDecoder}),
 * alone in one thread (no Flink, no Kafka), on the Kafka benchmark's events (6 fields, about 200
 * bytes, in time order). The end-to-end benchmarks share two cores with a broker, the JIT and the
 * reader, so their figures move by more than one change to these two; this one moves by little.
 * Prints the median of the last rounds in ns per event.
 */
public final class CodecBench {
    private static final int EVENTS = 200_000;
    private static final int ROUNDS = 40;
    private static final int MEASURED = 20;

    private CodecBench() {}

    public static void main(String[] args) throws Exception {
        EventSchema schema = new EventSchema(transaction());
        byte[][] records = records();
        JsonRowDecoder decoder = new JsonRowDecoder(schema);
        JsonEventEncoder encoder = new JsonEventEncoder(schema);
        EncodedEventDecoder transcoder = new EncodedEventDecoder(schema);
        // the encoder's input: decoded events, a window of them kept (as a sink sees them)
        Row[] decoded = new Row[1_000];
        double[] decodeNanos = new double[ROUNDS];
        double[] encodeNanos = new double[ROUNDS];
        double[] transcodeNanos = new double[ROUNDS];
        long checksum = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                Row row = decoder.decode(records[i]);
                decoded[i % decoded.length] = row;
                checksum += row.getArity();
            }
            long decodedAt = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                checksum += encoder.keyAndValue(decoded[i % decoded.length]).value().length;
            }
            long encodedAt = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                checksum += transcoder.decode(records[i]).value.length;
            }
            long end = System.nanoTime();
            decodeNanos[round] = (decodedAt - start) / (double) EVENTS;
            encodeNanos[round] = (encodedAt - decodedAt) / (double) EVENTS;
            transcodeNanos[round] = (end - encodedAt) / (double) EVENTS;
        }
        System.out.printf(
                Locale.ROOT,
                "decode: %.0f ns/event, encode: %.0f ns/event; transcode (append mode, no row):"
                        + " %.0f ns/event (medians of the last %d of %d rounds of %,d events;"
                        + " checksum %d)%n",
                median(decodeNanos),
                median(encodeNanos),
                median(transcodeNanos),
                MEASURED,
                ROUNDS,
                EVENTS,
                checksum);
    }

    private static double median(double[] rounds) {
        double[] last = Arrays.copyOfRange(rounds, ROUNDS - MEASURED, ROUNDS);
        Arrays.sort(last);
        return (last[MEASURED / 2 - 1] + last[MEASURED / 2]) / 2;
    }

    /** The Kafka benchmark's dataset. */
    private static DatasetSpec transaction() {
        return new DatasetSpec(
                "Transaction",
                true,
                List.of(
                        new FieldSpec("user_id", new FieldType(BaseType.STR, false), true, false),
                        new FieldSpec("amount", new FieldType(BaseType.FLOAT, false), false, false),
                        new FieldSpec("currency", new FieldType(BaseType.STR, false), false, false),
                        new FieldSpec("merchant", new FieldType(BaseType.STR, false), false, false),
                        new FieldSpec("note", new FieldType(BaseType.STR, true), false, false),
                        new FieldSpec("ts", new FieldType(BaseType.DATETIME, false), false, true)));
    }

    /** The Kafka benchmark's records (KafkaBench writes the same text). */
    private static byte[][] records() {
        byte[][] records = new byte[EVENTS][];
        Instant start = Instant.parse("2024-05-01T00:00:00Z");
        for (int i = 0; i < EVENTS; i++) {
            records[i] =
                    String.format(
                                    Locale.ROOT,
                                    "{\"user_id\":\"user-%06d\",\"amount\":%.2f,\"currency\":\"EUR\","
                                            + "\"merchant\":\"merchant-%04d\",\"note\":\"card present,"
                                            + " contactless, terminal %05d\",\"ts\":\"%s\"}",
                                    i % 100_000,
                                    (i % 10_000) / 7.0,
                                    i % 5_000,
                                    i % 99_999,
                                    start.plusMillis(i * 10L))
                            .getBytes(StandardCharsets.UTF_8);
        }
        return records;
    }
}
