package io.thyme.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotAgesTest {
    private static final long EPOCH = 1L << 32;

    /** What PostgreSQL's age(xid) gives for a 32-bit id when the next id is {@code next32}. */
    private static int age(long next32, long xid32) {
        return (int) (next32 - xid32);
    }

    @Test
    void theBaseIsTheNextIdTheTransactionSawWithItsEpoch() {
        long xmax = 5 * EPOCH + 1_000;
        SnapshotAges ages = SnapshotAges.of(xmax, age(1_250, 3));
        assertThat(ages.base()).isEqualTo(5 * EPOCH + 1_250);
        assertThat(ages.xid(age(1_250, 999))).isEqualTo(5 * EPOCH + 999);
        assertThat(ages.age(5 * EPOCH + 999)).isEqualTo(251);
    }

    @Test
    void idsAcrossAnEpochBoundaryKeepTheirOrder() {
        // the snapshot's xmax sits just before the boundary, the next id just after it
        long xmax = 7 * EPOCH - 10;
        long next32 = 20;
        SnapshotAges ages = SnapshotAges.of(xmax, age(next32, 3));
        assertThat(ages.base()).isEqualTo(7 * EPOCH + 20);
        long before = ages.xid(age(next32, EPOCH - 100));
        long after = ages.xid(age(next32, 5));
        assertThat(before).isEqualTo(7 * EPOCH - 100);
        assertThat(after).isEqualTo(7 * EPOCH + 5);
        assertThat(ages.age(before)).isGreaterThan(ages.age(after));
    }

    @Test
    void theAgeOfIdThreeCanBeNegativeOnceTheCounterIsPastHalfOfItsRange() {
        long next32 = 3_000_000_000L;
        long xmax = 2 * EPOCH + next32 - 7;
        SnapshotAges ages = SnapshotAges.of(xmax, age(next32, 3));
        assertThat(age(next32, 3)).isNegative();
        assertThat(ages.base()).isEqualTo(2 * EPOCH + next32);
    }

    @Test
    void frozenVersionsAreOlderThanEveryBound() {
        SnapshotAges ages = SnapshotAges.of(3 * EPOCH + 500, age(600, 3));
        assertThat(ages.xid(SnapshotAges.FROZEN)).isZero();
        // a bound older than the database can hold still compares as newer than a frozen version
        assertThat(ages.age(0)).isLessThan(SnapshotAges.FROZEN);
        assertThat(ages.age(3 * EPOCH + 400)).isEqualTo(200);
    }
}
