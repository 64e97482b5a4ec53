package io.thyme.event;

/**
 * The text of a double with few decimals (prices, amounts, rates: {@code 12.5}, {@code 1999.99},
 * {@code 0.005}), exactly as {@link Double#toString} of Java 19 and later (and Jackson's {@code
 * NumberOutput}, which the encoder used before) write it, without their general algorithm: the
 * shortest decimal that reads back as the same double.
 *
 * <p>For {@code 10^-3 <= |x| < 10^7} (where that text has no exponent) it tries {@code k = 0, 1, 2,
 * ...} fraction digits: {@code m = round(|x| * 10^k)}; if {@code m / 10^k}, a correctly rounded
 * division of exact values, is {@code |x|} again, the decimal {@code m * 10^-k} reads back as
 * {@code x}, and no decimal with fewer digits does (each smaller {@code k} was tried). It is the
 * one Schubfach picks as long as the double's spacing is well below {@code 10^-k}: then it is the
 * only decimal of its length that reads back as {@code x}, and the closest one of the next length
 * too. Where that does not hold (a value needing nearly all 17 digits) it answers "not mine" and
 * the caller uses the general writer. {@code ShortDecimalsTest} compares both on millions of
 * values.
 */
final class ShortDecimals {
    private static final double[] POWERS = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    /** {@code DIGIT_LIMITS[n]} is the least number of {@code n + 1} digits. */
    private static final long[] DIGIT_LIMITS = {
        0L,
        10L,
        100L,
        1_000L,
        10_000L,
        100_000L,
        1_000_000L,
        10_000_000L,
        100_000_000L,
        1_000_000_000L,
        10_000_000_000L,
        100_000_000_000L,
        1_000_000_000_000L,
        10_000_000_000_000L,
        100_000_000_000_000L,
        1_000_000_000_000_000L,
        10_000_000_000_000_000L,
        100_000_000_000_000_000L,
        1_000_000_000_000_000_000L
    };

    /** Below this a product |x| * 10^k is computed with an error far below 0.5. */
    private static final double EXACT_ENOUGH = 0x1p50;

    /** The longest text written: a sign, 7 integer digits, the point and 9 fraction digits. */
    static final int MAX_LENGTH = 18;

    private ShortDecimals() {}

    /**
     * Writes the text of {@code x} at {@code at} and returns the position after it, or returns -1
     * (writing nothing) when {@code x} is not a short decimal; {@code out} has room for {@link
     * #MAX_LENGTH} bytes at {@code at}.
     */
    static int write(double x, byte[] out, int at) {
        double abs = Math.abs(x);
        if (!(abs >= 1e-3 && abs < 1e7)) {
            return -1; // also zero, NaN and the infinities: the general writer's
        }
        double spacing = Math.ulp(abs);
        for (int k = 0; k < POWERS.length; k++) {
            double scaled = abs * POWERS[k];
            if (scaled >= EXACT_ENOUGH || spacing * POWERS[k] >= 0.05) {
                return -1;
            }
            long m = Math.round(scaled);
            if ((double) m / POWERS[k] == abs) {
                return digits(x < 0, m, k, out, at);
            }
        }
        return -1;
    }

    /** {@code m * 10^-fractionDigits}: at least one digit on each side of the point. */
    private static int digits(boolean negative, long m, int fractionDigits, byte[] out, int at) {
        if (negative) {
            out[at++] = '-';
        }
        int shown = Math.max(fractionDigits, 1); // 5 with k = 0 is "5.0"
        long rest = fractionDigits == 0 ? m * 10 : m; // m < 2^50: no overflow
        int count = 1;
        while (count < DIGIT_LIMITS.length && rest >= DIGIT_LIMITS[count]) {
            count++;
        }
        count = Math.max(count, shown + 1); // "0.005": zeros before the first digit
        int end = at + count + 1; // and the point
        int position = end - 1;
        for (int i = 0; i < count; i++) {
            if (i == shown) {
                out[position--] = '.';
            }
            out[position--] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return end;
    }
}
