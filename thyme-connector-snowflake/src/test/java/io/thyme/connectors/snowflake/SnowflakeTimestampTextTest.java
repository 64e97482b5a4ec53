package io.thyme.connectors.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SnowflakeTimestampTextTest {
    @Test
    void aWallClockIsReadAsUtcWithEveryDigitInTheProlepticCalendar() {
        assertThat(SnowflakeTablePoller.instantOfText("0001-01-01 00:00:00.000000100"))
                .isEqualTo(Instant.parse("0001-01-01T00:00:00.000000100Z"));
        assertThat(SnowflakeTablePoller.instantOfText("1582-10-04 23:59:59.999999999"))
                .as("the last Julian day in java.sql.Timestamp's calendar")
                .isEqualTo(Instant.parse("1582-10-04T23:59:59.999999999Z"));
        assertThat(SnowflakeTablePoller.instantOfText("9999-12-31 23:59:59.999999999"))
                .isEqualTo(Instant.parse("9999-12-31T23:59:59.999999999Z"));
    }

    @Test
    void anInstantCarriesItsOffset() {
        assertThat(SnowflakeTablePoller.instantOfText("2024-05-01 12:00:00.000000000 +00:00"))
                .isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(SnowflakeTablePoller.instantOfText("2024-05-01 07:00:00.500000000 -05:00"))
                .isEqualTo(Instant.parse("2024-05-01T12:00:00.5Z"));
        assertThat(SnowflakeTablePoller.instantOfText("0001-01-01 00:00:00.000000000 Z"))
                .isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    }

    @Test
    void textThatIsNoTimestampIsRefused() {
        assertThatThrownBy(() -> SnowflakeTablePoller.instantOfText("yesterday"))
                .isInstanceOf(DateTimeException.class);
    }
}
