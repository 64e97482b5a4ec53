package io.thyme.connectors.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code endpoint: file:/dir}: the bucket is the directory {@code /dir/<bucket>}, keys are file
 * paths under it with {@code /} separators, last-modified is the file's modification time.
 */
final class LocalObjectStore implements ObjectStore {
    private final Path root;

    LocalObjectStore(S3Connection connection, String bucket) {
        this.root = Path.of(URI.create(connection.endpoint())).resolve(bucket);
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("no directory " + root + " (the bucket of a file: endpoint)");
        }
        List<StoredObject> objects = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = root.relativize(file).toString().replace('\\', '/');
                if (key.startsWith(prefix)) {
                    objects.add(
                            new StoredObject(
                                    key,
                                    Files.getLastModifiedTime(file).toMillis(),
                                    Files.size(file)));
                }
            }
        }
        objects.sort(Comparator.comparing(StoredObject::key));
        return objects;
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return Files.newInputStream(root.resolve(key));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ObjectGoneException(originOf(key) + " is gone", e);
        }
    }

    @Override
    public String location() {
        return root.toUri().toString();
    }

    @Override
    public String originOf(String key) {
        return root.resolve(key).toUri().toString();
    }

    @Override
    public void close() {}
}
