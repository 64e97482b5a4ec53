package io.thyme.connectors.snowflake;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Snowflake's identifier rules for names in specs: a name that could be written unquoted (letters,
 * digits, _ and $, not starting with a digit) is matched the way Snowflake matches unquoted names,
 * in upper case; any other name is matched exactly. Either way it is sent quoted, so reserved words
 * work as column names.
 */
final class SnowflakeIdentifiers {
    private static final Pattern UNQUOTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private SnowflakeIdentifiers() {}

    static String quote(String name) {
        String resolved = UNQUOTED.matcher(name).matches() ? name.toUpperCase(Locale.ROOT) : name;
        return '"' + resolved.replace("\"", "\"\"") + '"';
    }
}
