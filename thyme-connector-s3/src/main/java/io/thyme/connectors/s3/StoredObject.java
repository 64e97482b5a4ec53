package io.thyme.connectors.s3;

/** An object found by a listing: its key, when it was last modified, and its size. */
public record StoredObject(String key, long lastModifiedMillis, long size) {}
