package io.thyme.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationParserTest {

    @Test
    void parsesEveryUnit() {
        assertThat(DurationParser.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(DurationParser.parse("5m")).contains(Duration.ofMinutes(5));
        assertThat(DurationParser.parse("1h")).contains(Duration.ofHours(1));
        assertThat(DurationParser.parse("1d")).contains(Duration.ofDays(1));
        assertThat(DurationParser.parse("0m")).contains(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "5", "m", "1x", "5 m", "-5m", "1.5h", "5M", "1w", "5ms", "9999999999s"})
    void refusesAnythingElse(String text) {
        assertThat(DurationParser.parse(text)).as("'%s'", text).isEmpty();
    }

    @Test
    void formatsTheWayUsersWrite() {
        assertThat(DurationParser.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(DurationParser.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationParser.format(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(DurationParser.format(Duration.ZERO)).isEqualTo("0s");
    }
}
