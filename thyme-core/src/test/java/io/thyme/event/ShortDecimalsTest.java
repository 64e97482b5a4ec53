package io.thyme.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShortDecimalsTest {
    private final byte[] out = new byte[ShortDecimals.MAX_LENGTH + 8];

    /** The fast text, or null where the general writer is left to answer. */
    private String fast(double x) {
        int end = ShortDecimals.write(x, out, 3);
        return end < 0 ? null : new String(out, 3, end - 3, StandardCharsets.US_ASCII);
    }

    private static String general(double x) {
        return NumberOutput.toString(x, true);
    }

    @Test
    void writesCommonValuesAsTheGeneralWriterDoes() {
        assertThat(fast(12.5)).isEqualTo("12.5");
        assertThat(fast(1999.99)).isEqualTo("1999.99");
        assertThat(fast(-3.0)).isEqualTo("-3.0");
        assertThat(fast(0.005)).isEqualTo("0.005");
        assertThat(fast(0.001)).isEqualTo("0.001");
        assertThat(fast(9_999_999.5)).isEqualTo("9999999.5");
        assertThat(fast(0.1 + 0.2))
                .isNull(); // 0.30000000000000004: 17 digits, the general writer's
    }

    @Test
    void leavesZeroExponentsAndNonFiniteValuesToTheGeneralWriter() {
        assertThat(fast(0.0)).isNull();
        assertThat(fast(-0.0)).isNull();
        assertThat(fast(1e7)).isNull(); // 1.0E7
        assertThat(fast(0.000999)).isNull(); // 9.99E-4
        assertThat(fast(Double.NaN)).isNull();
        assertThat(fast(Double.POSITIVE_INFINITY)).isNull();
        assertThat(fast(Double.MIN_VALUE)).isNull();
        assertThat(fast(Math.PI)).isNull(); // all 16 digits: beyond the short path
    }

    /**
     * Decimals of up to nine fraction digits, as prices and measurements are: the fast path takes
     * nearly all of them and writes each as the general writer does.
     */
    @Test
    void agreesOnShortDecimals() {
        SplittableRandom random = new SplittableRandom(20261202L);
        int taken = 0;
        int tried = 2_000_000;
        for (int i = 0; i < tried; i++) {
            int k = random.nextInt(10);
            long m = random.nextLong(1L, (long) Math.pow(10, 1 + random.nextInt(15)));
            double x = (random.nextBoolean() ? -1 : 1) * (m / Math.pow(10, k));
            String text = fast(x);
            if (text != null) {
                assertThat(text).as("%s", general(x)).isEqualTo(general(x));
                taken++;
            }
        }
        assertThat(taken).isGreaterThan(tried / 2);
        for (long cents = 1; cents < 1_000_000; cents++) {
            double price = cents / 100.0;
            assertThat(fast(price)).as("%d cents", cents).isEqualTo(general(price));
        }
    }

    /** Any double: the fast path either agrees or declines. */
    @Test
    void agreesOrDeclinesOnArbitraryDoubles() {
        SplittableRandom random = new SplittableRandom(7L);
        for (int i = 0; i < 2_000_000; i++) {
            double x =
                    switch (i % 3) {
                        case 0 -> Double.longBitsToDouble(random.nextLong());
                        case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(12) - 4);
                        default -> Math.nextUp(Math.round(random.nextDouble() * 1e6) / 1e3);
                    };
            String text = fast(x);
            if (text != null) {
                assertThat(text).as("%s", general(x)).isEqualTo(general(x));
            }
        }
        for (double edge : new double[] {1e-3, Math.nextDown(1e7), 0.5, 1.0, 2.0, 1024.0}) {
            for (double x = edge, n = 0; n < 100; n++, x = Math.nextUp(x)) {
                String text = fast(x);
                if (text != null) {
                    assertThat(text).as("%s", general(x)).isEqualTo(general(x));
                }
            }
        }
    }
}
