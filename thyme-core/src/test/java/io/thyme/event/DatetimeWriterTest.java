package io.thyme.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte writer of event times against the formatter, in random order and in time order. */
class DatetimeWriterTest {

    private static String written(DatetimeWriter writer, Instant instant) {
        byte[] out = new byte[3 + DatetimeWriter.LENGTH];
        out[0] = 'x';
        int end = writer.write(instant, out, 1);
        assertThat(end).as(instant.toString()).isEqualTo(1 + DatetimeWriter.LENGTH);
        return new String(out, 1, end - 1, StandardCharsets.US_ASCII);
    }

    @Test
    void writesWhatTheFormatterWritesInAnyOrder() {
        Random random = new Random(11);
        long min = FieldValues.MIN_DATETIME.getEpochSecond();
        long max = FieldValues.MAX_DATETIME.getEpochSecond();
        List<Instant> instants =
                new ArrayList<>(
                        List.of(
                                FieldValues.MIN_DATETIME,
                                FieldValues.MAX_DATETIME,
                                Instant.EPOCH,
                                Instant.ofEpochSecond(-1, 999_999_999),
                                Instant.parse("0000-01-01T00:00:00Z"),
                                Instant.parse("9999-12-31T23:59:59.999999999Z")));
        for (int i = 0; i < 100_000; i++) {
            instants.add(
                    Instant.ofEpochSecond(
                            min + (long) (random.nextDouble() * (max - min)),
                            random.nextInt(1_000_000_000)));
        }
        DatetimeWriter writer = new DatetimeWriter();
        for (Instant instant : instants) {
            assertThat(written(writer, instant))
                    .isEqualTo(IsoDatetimes.DATETIME_OUT.format(instant));
        }
    }

    @Test
    void writesWhatTheFormatterWritesInTimeOrderAcrossDays() {
        Random random = new Random(12);
        DatetimeWriter writer = new DatetimeWriter();
        // from before 1970 to after it, steps of up to three hours: the kept day is used and
        // replaced, across midnight, month and year ends
        Instant instant = Instant.parse("1969-12-20T00:00:00Z");
        for (int i = 0; i < 100_000; i++) {
            instant = instant.plusNanos((long) (random.nextDouble() * 3 * 3_600_000_000_000L));
            assertThat(written(writer, instant))
                    .isEqualTo(IsoDatetimes.DATETIME_OUT.format(instant));
        }
    }

    @Test
    void declinesYearsTheFormatWritesWithASignOrFiveDigits() {
        DatetimeWriter writer = new DatetimeWriter();
        byte[] out = new byte[DatetimeWriter.LENGTH];
        assertThat(writer.write(Instant.parse("+10000-01-01T00:00:00Z"), out, 0)).isEqualTo(-1);
        assertThat(writer.write(Instant.parse("-0001-12-31T23:59:59Z"), out, 0)).isEqualTo(-1);
        // a declined year does not replace the kept day
        assertThat(written(writer, Instant.parse("2024-05-01T10:00:00Z")))
                .isEqualTo("2024-05-01T10:00:00.000000Z");
        assertThat(writer.write(Instant.parse("+10000-05-01T00:00:00Z"), out, 0)).isEqualTo(-1);
        assertThat(written(writer, Instant.parse("2024-05-01T10:00:01Z")))
                .isEqualTo("2024-05-01T10:00:01.000000Z");
    }
}
