package io.thyme.spec;

import java.io.Serializable;

/** One field of a dataset: its name, its type, and whether it is a key or the event time. */
public record FieldSpec(String name, FieldType type, boolean key, boolean timestamp)
        implements Serializable {}
