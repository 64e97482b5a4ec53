package io.thyme.event;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an event time as the wire format's {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ} straight into a
 * byte buffer, with no string in between ({@link IsoDatetimes#format} gives the same text). Event
 * times come mostly in order, so consecutive ones share a day: the date part of the last day
 * written is kept and copied instead of being computed again. Not thread-safe: one per encoder.
 */
final class DatetimeWriter {
    /** Bytes the text takes. */
    static final int LENGTH = 27;

    private static final long SECONDS_PER_DAY = 86_400L;

    private long day = Long.MIN_VALUE;
    private final byte[] date = new byte[10];

    /**
     * Writes {@code instant} at {@code at} (room for {@link #LENGTH} bytes is the caller's) and
     * returns where it ends, or -1 for a year outside 0 to 9999, which the wire format writes with
     * a sign or more digits ({@link IsoDatetimes#format} does).
     */
    int write(Instant instant, byte[] out, int at) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        if (epochDay != day && !rememberDay(epochDay)) {
            return -1;
        }
        System.arraycopy(date, 0, out, at, date.length);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        out[at + 10] = 'T';
        two(out, at + 11, secondOfDay / 3600);
        out[at + 13] = ':';
        two(out, at + 14, secondOfDay / 60 % 60);
        out[at + 16] = ':';
        two(out, at + 17, secondOfDay % 60);
        out[at + 19] = '.';
        int micros = instant.getNano() / 1000;
        for (int i = at + 25; i >= at + 20; i--) {
            out[i] = (byte) ('0' + micros % 10);
            micros /= 10;
        }
        out[at + 26] = 'Z';
        return at + LENGTH;
    }

    /** Makes {@code epochDay} the kept day; false (nothing kept) for a year outside 0 to 9999. */
    private boolean rememberDay(long epochDay) {
        LocalDate local = LocalDate.ofEpochDay(epochDay);
        int year = local.getYear();
        if (year < 0 || year > 9999) {
            return false;
        }
        for (int i = 3; i >= 0; i--) {
            date[i] = (byte) ('0' + year % 10);
            year /= 10;
        }
        date[4] = '-';
        two(date, 5, local.getMonthValue());
        date[7] = '-';
        two(date, 8, local.getDayOfMonth());
        day = epochDay;
        return true;
    }

    private static void two(byte[] out, int at, int value) {
        out[at] = (byte) ('0' + value / 10);
        out[at + 1] = (byte) ('0' + value % 10);
    }
}
