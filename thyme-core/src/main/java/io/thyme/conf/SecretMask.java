package io.thyme.conf;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Masks values whose key names a secret (password, secret, token, credentials, ...) before
 * printing.
 */
public final class SecretMask {
    private static final String[] SECRET_WORDS = {
        "password",
        "passwd",
        "secret",
        "token",
        "credential",
        "jaas",
        "private",
        "apikey",
        "api.key",
        "api_key"
    };
    private static final String MASK = "******";

    private SecretMask() {}

    public static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    public static String mask(String key, String value) {
        return isSecretKey(key) ? MASK : value;
    }

    /** A copy fit for logs and the UI: secret values replaced by a mask. */
    public static Map<String, String> mask(Map<String, String> properties) {
        Map<String, String> masked = new LinkedHashMap<>();
        properties.forEach((k, v) -> masked.put(k, mask(k, v)));
        return masked;
    }
}
