package io.thyme.polling;

import java.nio.charset.StandardCharsets;

/** A 64-bit FNV-1a hash of a row's raw column values: how re-read rows are recognised. */
public final class RowIdentity {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private long hash = OFFSET;

    public RowIdentity add(Object value) {
        byte[] bytes =
                (value == null ? "\u0000null" : value.toString()).getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            hash ^= b;
            hash *= PRIME;
        }
        hash ^= 0x1f;
        hash *= PRIME;
        return this;
    }

    public long value() {
        return hash;
    }
}
