package io.thyme.connectors.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Where S3JsonSource finds objects: an S3 bucket, or a directory for local use. */
public interface ObjectStore extends AutoCloseable {

    /** Every object under {@code prefix}, page by page; keys only, no content. */
    List<StoredObject> list(String prefix) throws IOException;

    /** The object's content as a stream (never buffered whole). */
    InputStream open(String key) throws IOException;

    /** For messages and error origins, e.g. {@code s3://bucket} or {@code file:/dir/bucket}. */
    String location();

    /** Where an object's rows come from, in errors: {@code s3://bucket/key} or a file URI. */
    String originOf(String key);

    @Override
    void close();

    static ObjectStore open(io.thyme.connectors.s3.S3Connection connection, String bucket) {
        return connection.isLocal()
                ? new LocalObjectStore(connection, bucket)
                : new S3ObjectStore(connection, bucket);
    }
}
