package io.thyme.spec;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The field types of a dataset, named as the Python annotations name them. */
public enum BaseType {
    STR("str"),
    INT("int"),
    FLOAT("float"),
    BOOL("bool"),
    DATETIME("datetime"),
    DATE("date");

    private final String pythonName;

    BaseType(String pythonName) {
        this.pythonName = pythonName;
    }

    public String pythonName() {
        return pythonName;
    }

    public static Optional<BaseType> fromPythonName(String name) {
        return Arrays.stream(values()).filter(t -> t.pythonName.equals(name)).findFirst();
    }

    /** {@code str, int, float, bool, datetime, date}: for error messages. */
    public static String allNames() {
        return Arrays.stream(values()).map(BaseType::pythonName).collect(Collectors.joining(", "));
    }
}
