package io.thyme.spec;

import java.io.Serializable;
import java.util.Optional;

/** A field's type: a base type, optionally wrapped in {@code Optional[...]} (nullable). */
public record FieldType(BaseType base, boolean optional) implements Serializable {

    /** Parses {@code int} or {@code Optional[int]}; empty when the text names no type. */
    public static Optional<FieldType> parse(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("Optional[") && trimmed.endsWith("]")) {
            String inner = trimmed.substring("Optional[".length(), trimmed.length() - 1).trim();
            return BaseType.fromPythonName(inner).map(base -> new FieldType(base, true));
        }
        return BaseType.fromPythonName(trimmed).map(base -> new FieldType(base, false));
    }

    @Override
    public String toString() {
        return optional ? "Optional[" + base.pythonName() + "]" : base.pythonName();
    }
}
