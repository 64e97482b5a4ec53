package io.thyme.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written ISO-8601 reader and writer against {@link java.time.format.DateTimeFormatter}:
 * generated texts, valid and broken, must give the same instant or be refused by both.
 */
class IsoDatetimesTest {

    /** The general parser's verdict: the instant, or null if it refuses the text. */
    private static Instant general(String text) {
        try {
            return IsoDatetimes.parseAny(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String two(int value) {
        return String.format("%02d", value);
    }

    private static String generated(Random random) {
        int year = random.nextInt(10) == 0 ? random.nextInt(10_000) : 1960 + random.nextInt(80);
        int month = random.nextInt(14);
        int day = random.nextInt(33);
        int hour = random.nextInt(26);
        int minute = random.nextInt(62);
        int second = random.nextInt(62);
        StringBuilder text =
                new StringBuilder()
                        .append(String.format("%04d", year))
                        .append('-')
                        .append(two(month))
                        .append('-')
                        .append(two(day))
                        .append(random.nextInt(5) == 0 ? ' ' : 'T')
                        .append(two(hour))
                        .append(':')
                        .append(two(minute))
                        .append(':')
                        .append(two(second));
        int fraction = random.nextInt(12) - 1;
        if (fraction >= 0) {
            text.append('.');
            for (int i = 0; i < fraction; i++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
        }
        switch (random.nextInt(6)) {
            case 0:
                break; // no offset: UTC
            case 1:
            case 2:
                text.append('Z');
                break;
            default:
                text.append(random.nextBoolean() ? '+' : '-')
                        .append(two(random.nextInt(20)))
                        .append(':')
                        .append(two(random.nextInt(61)));
        }
        if (random.nextInt(20) == 0) {
            int at = random.nextInt(text.length());
            text.setCharAt(at, "x9:-T.Z+ ".charAt(random.nextInt(9)));
        }
        return text.toString();
    }

    @Test
    void theFastPathAgreesWithTheGeneralParserOnGeneratedTexts() {
        Random random = new Random(2026);
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = generated(random);
            Instant common = IsoDatetimes.parseCommon(text);
            Instant expected = general(text);
            if (common != null) {
                fast++;
                assertThat(common).as(text).isEqualTo(expected);
            }
            Instant parsed;
            try {
                parsed = IsoDatetimes.parse(text);
            } catch (DateTimeParseException e) {
                parsed = null;
            }
            assertThat(parsed).as(text).isEqualTo(expected);
        }
        assertThat(fast).as("texts read by the fast path").isGreaterThan(50_000);
    }

    @Test
    void otherFormsGoToTheGeneralParser() {
        List<String> others =
                new ArrayList<>(
                        List.of(
                                "2024-05-01T12:00Z",
                                "2024-05-01t12:00:00z",
                                "2024-05-01T12:00:00.Z",
                                "2024-05-01T12:00:00+01",
                                "2024-05-01T12:00:00+01:00:30",
                                "2024-05-01T12:00:00+01:00[Europe/Paris]",
                                "+999999999-12-31T23:59:59Z",
                                "2024-02-30T00:00:00Z",
                                "2023-02-29T00:00:00Z",
                                "2024-02-29T00:00:00Z"));
        for (String text : others) {
            assertThat(IsoDatetimes.parseCommon(text) == null || general(text) != null)
                    .as(text)
                    .isTrue();
            Instant parsed;
            try {
                parsed = IsoDatetimes.parse(text);
            } catch (DateTimeParseException e) {
                parsed = null;
            }
            assertThat(parsed).as(text).isEqualTo(general(text));
        }
    }

    @Test
    void theWriterAgreesWithTheFormatter() {
        Random random = new Random(7);
        long min = FieldValues.MIN_DATETIME.getEpochSecond();
        long max = FieldValues.MAX_DATETIME.getEpochSecond();
        List<Instant> instants =
                new ArrayList<>(
                        List.of(
                                FieldValues.MIN_DATETIME,
                                FieldValues.MAX_DATETIME,
                                Instant.EPOCH,
                                Instant.ofEpochSecond(-1, 999_999_999),
                                Instant.parse("1969-12-31T23:59:59.000001Z")));
        for (int i = 0; i < 100_000; i++) {
            instants.add(
                    Instant.ofEpochSecond(
                            min + (long) (random.nextDouble() * (max - min)),
                            random.nextInt(1_000_000_000)));
        }
        for (Instant instant : instants) {
            assertThat(IsoDatetimes.format(instant))
                    .as(instant.toString())
                    .isEqualTo(IsoDatetimes.DATETIME_OUT.format(instant));
        }
    }
}
