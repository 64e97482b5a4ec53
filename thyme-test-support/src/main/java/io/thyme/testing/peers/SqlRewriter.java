package io.thyme.testing.peers;

import java.util.Locale;
import java.util.Map;

/**
 * Rewrites a warehouse's SQL for DuckDB token by token: string literals and quoted identifiers are
 * copied (or handed to the dialect), parameters and type names replaced. Only the spelling changes;
 * DuckDB still parses, plans and evaluates the statement.
 */
public final class SqlRewriter {

    /** What differs in one warehouse's spelling. */
    public interface Dialect {
        /** DuckDB text for a back-quoted identifier (without the quotes); null if not allowed. */
        String backQuoted(String identifier);

        /** DuckDB text for a double-quoted token (without the quotes). */
        String doubleQuoted(String text);

        /** DuckDB text for a parameter: {@code @name}, {@code :1} or {@code ?}. */
        String parameter(String token);

        /** Type names spelled differently, upper case to DuckDB's. */
        Map<String, String> types();
    }

    private SqlRewriter() {}

    public static String rewrite(String sql, Dialect dialect) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = endOfQuoted(sql, i, '\'');
                out.append(sql, i, end);
                i = end;
            } else if (c == '"') {
                int end = endOfQuoted(sql, i, '"');
                out.append(dialect.doubleQuoted(sql.substring(i + 1, end - 1)));
                i = end;
            } else if (c == '`') {
                int end = endOfQuoted(sql, i, '`');
                out.append(dialect.backQuoted(sql.substring(i + 1, end - 1)));
                i = end;
            } else if (c == '@'
                    && i + 1 < n
                    && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                out.append(dialect.parameter(sql.substring(i, end)));
                i = end;
            } else if (c == '?') {
                out.append(dialect.parameter("?"));
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < n
                        && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                String word = sql.substring(i, end);
                out.append(dialect.types().getOrDefault(word.toUpperCase(Locale.ROOT), word));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int endOfQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '"') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated " + quote + " in: " + sql);
    }

    /** A DuckDB double-quoted identifier. */
    public static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
