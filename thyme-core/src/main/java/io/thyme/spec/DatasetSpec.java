package io.thyme.spec;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** The serialized {@code @dataset}: its name, whether it is indexed, and its fields in order. */
public record DatasetSpec(String name, boolean index, List<FieldSpec> fields)
        implements Serializable {

    public DatasetSpec {
        fields = List.copyOf(fields);
    }

    public Optional<FieldSpec> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    public int indexOf(String fieldName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return i;
            }
        }
        return -1;
    }

    public List<FieldSpec> keyFields() {
        return fields.stream().filter(FieldSpec::key).toList();
    }

    /** The event-time field; a validated spec has exactly one. */
    public FieldSpec timestampField() {
        return fields.stream()
                .filter(FieldSpec::timestamp)
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("dataset " + name + " has no timestamp"));
    }
}
