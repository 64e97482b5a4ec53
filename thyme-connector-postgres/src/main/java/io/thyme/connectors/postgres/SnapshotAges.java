package io.thyme.connectors.postgres;

/**
 * The 64-bit transaction ids of one poll's transaction as the database's {@code age(xid)} gives
 * them: the distance from the id the transaction saw as the next one (its base). The base is found
 * from the age of id 3 and the snapshot's 64-bit xmax, which it is at or after and within 2^32 of.
 */
final class SnapshotAges {
    /** What {@code age} gives a frozen or otherwise special id: older than any id in use. */
    static final int FROZEN = Integer.MAX_VALUE;

    private final long base;

    private SnapshotAges(long base) {
        this.base = base;
    }

    /**
     * @param xmax the snapshot's 64-bit xmax
     * @param ageOfThree what {@code age('3'::xid)} gave in the same transaction
     */
    static SnapshotAges of(long xmax, int ageOfThree) {
        long base32 = (3L + ageOfThree) & 0xFFFFFFFFL;
        return new SnapshotAges(xmax + ((base32 - xmax) & 0xFFFFFFFFL));
    }

    long base() {
        return base;
    }

    /** The 64-bit id of a row version whose {@code age(xmin)} is {@code age}; 0 when frozen. */
    long xid(int age) {
        return age == FROZEN ? 0 : base - age;
    }

    /**
     * The age of a 64-bit id, for comparison with {@code age(xmin)}: ids older than any the
     * database can still hold are given the oldest age a normal id can have, so that frozen row
     * versions stay older than every id bound.
     */
    long age(long xid) {
        long age = base - xid;
        return Math.min(age, FROZEN - 1L);
    }
}
