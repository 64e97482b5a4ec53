package io.thyme.connectors.reader;

import java.io.Closeable;
import java.io.IOException;

/** The records of one split, streamed: {@link #next()} returns null at the split's end. */
public interface SplitRecords<R> extends Closeable {

    R next() throws IOException;

    static <R> SplitRecords<R> empty() {
        return new SplitRecords<>() {
            @Override
            public R next() {
                return null;
            }

            @Override
            public void close() {}
        };
    }
}
