package org.longlag.model;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads from a model's settings map (as YAML parsed it), with messages that name the model
 * kind, the field and the offending value.
 */
public final class Settings {
    private final String owner;
    private final Map<String, Object> values;

    /**
     * @param owner prefix for messages, usually the model kind (e.g. {@code lstm})
     * @param values the settings map
     */
    public Settings(String owner, Map<String, Object> values) {
        this.owner = owner;
        this.values = values;
    }

    /** Rejects keys outside {@code allowed}, so a misspelt setting is not silently ignored. */
    public void allowOnly(Set<String> allowed) {
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: unknown setting '%s' (known: %s)", owner, key, String.join(", ", allowed.stream().sorted().toList())));
            }
        }
    }

    /** An integer setting within [min, max]. */
    public int integer(String key, int defaultValue, int min, int max) {
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (!(raw instanceof Integer || raw instanceof Long) || ((Number) raw).longValue() < min
                || ((Number) raw).longValue() > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s.%s must be an integer in [%d, %d], got %s", owner, key, min, max, raw));
        }
        return ((Number) raw).intValue();
    }

    /** A number setting strictly greater than {@code exclusiveMin}. */
    public double number(String key, double defaultValue, double exclusiveMin) {
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (!(raw instanceof Number) || !(((Number) raw).doubleValue() > exclusiveMin)
                || !Double.isFinite(((Number) raw).doubleValue())) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s.%s must be a finite number > %s, got %s", owner, key, exclusiveMin, raw));
        }
        return ((Number) raw).doubleValue();
    }

    /** A string setting that must be one of {@code choices}. */
    public String choice(String key, String defaultValue, Set<String> choices) {
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (!(raw instanceof String) || !choices.contains(raw)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s.%s must be one of %s, got %s", owner, key, choices.stream().sorted().toList(), raw));
        }
        return (String) raw;
    }
}
