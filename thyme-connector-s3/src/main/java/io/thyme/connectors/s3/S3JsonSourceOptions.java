package io.thyme.connectors.s3;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.ConnectorOptions;
import io.thyme.connectors.ConnectorParameter;
import io.thyme.connectors.CursorFieldCheck;
import io.thyme.connectors.NamedConnectionCheck;
import io.thyme.spec.ConnectorSpec;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.Problems;
import io.thyme.spec.SourceSpec;
import io.thyme.spec.Warnings;
import java.nio.file.FileSystems;
import java.util.List;
import java.util.Optional;

/**
 * {@code S3JsonSource(connection=..., bucket=..., prefix=..., path_pattern=...)}: JSON and JSON
 * Lines objects under a bucket's prefix. {@code connection} names an object store under {@code s3:}
 * in conf/thyme.yaml (an S3 endpoint, or a local directory).
 */
public final class S3JsonSourceOptions implements ConnectorOptions {
    public static final String KIND = "S3JsonSource";
    public static final String CONNECTION = "connection";
    public static final String BUCKET = "bucket";
    public static final String PREFIX = "prefix";
    public static final String PATH_PATTERN = "path_pattern";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "JSON / JSONL objects on S3; connection names region, endpoint and credentials in conf/.";
    }

    @Override
    public boolean streaming() {
        return false;
    }

    @Override
    public List<ConnectorParameter> parameters() {
        return List.of(
                ConnectorParameter.required(
                        CONNECTION, "the name of an object store under s3: in conf/thyme.yaml"),
                ConnectorParameter.required(BUCKET, "the bucket"),
                ConnectorParameter.optional(
                        PREFIX, "only keys starting with this, e.g. events/2024/ (default: all)"),
                ConnectorParameter.optional(
                        PATH_PATTERN,
                        "a glob the rest of the key must match, e.g. **/*.jsonl.gz (default: all)"));
    }

    @Override
    public void validate(
            ConnectorSpec connector,
            SourceSpec source,
            ThymeConf conf,
            String path,
            Problems problems,
            Warnings warnings) {
        connector
                .string(CONNECTION)
                .ifPresent(
                        connection ->
                                NamedConnectionCheck.check(
                                        path + "." + CONNECTION,
                                        connection,
                                        S3Connections.SECTION,
                                        conf,
                                        problems));
        connector
                .string(BUCKET)
                .filter(bucket -> bucket.contains("/") || bucket.isBlank())
                .ifPresent(
                        bucket ->
                                problems.add(
                                        path + "." + BUCKET,
                                        "'%s' is not a bucket name; put the path after the bucket"
                                                + " in prefix",
                                        bucket));
        Optional<String> pattern = connector.string(PATH_PATTERN);
        if (pattern.isPresent()) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + pattern.get());
            } catch (IllegalArgumentException e) {
                problems.add(
                        path + "." + PATH_PATTERN,
                        "'%s' is not a glob pattern: %s",
                        pattern.get(),
                        e.getMessage());
            }
        }
    }

    @Override
    public void validateFields(
            ConnectorSpec connector,
            SourceSpec source,
            DatasetSpec dataset,
            String path,
            Problems problems) {
        CursorFieldCheck.check(source, dataset, problems);
    }
}
