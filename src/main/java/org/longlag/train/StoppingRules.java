package org.longlag.train;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.longlag.util.EditDistance;

/**
 * Builds a {@link StoppingRule} from the {@code stopping:} block of an experiment file, as the
 * YAML parser hands it over (a map from key to {@link Integer}, {@link Double}, {@link String}
 * ...). The key {@code rule} names the rule; the other keys are its parameters:
 *
 * <table>
 *   <caption>Rules and their keys</caption>
 *   <tr><th>{@code rule}</th><th>keys (default)</th><th>builds</th><th>paper</th></tr>
 *   <tr><td>{@code abs-streak}</td><td>{@code beta}, {@code window} (10000), {@code count}
 *       ({@code streak-end}, or {@code streak-start})</td>
 *       <td>{@link AbsStreakRule}</td><td>Exp. 2a-2c</td></tr>
 *   <tr><td>{@code st3}</td><td>{@code beta}, {@code window} (2000)</td>
 *       <td>{@link St3Rule}</td><td>Exp. 4, 6</td></tr>
 *   <tr><td>{@code wrong-of-recent}</td><td>{@code fewerThan}, {@code tolerance} (0.04),
 *       {@code window} (2000)</td><td>{@link WrongOfRecentRule}</td><td>Exp. 5</td></tr>
 *   <tr><td>{@code test-set}</td><td>{@code testSize} (256), {@code checkEvery} (1000),
 *       {@code maxWrong} (0), {@code maxMeanAbsError} (none: stop at ST1)</td>
 *       <td>{@link TestSetRule}</td><td>Exp. 3a-3c</td></tr>
 *   <tr><td>{@code reber}</td><td>{@code streak} (256)</td>
 *       <td>{@link ReberRule}</td><td>Exp. 1</td></tr>
 * </table>
 *
 * <p>A key without a default is required. {@code fewerThan} is the paper's n_seq and is strict
 * ("fewer than 140"), while {@code maxWrong} is inclusive ("at most 5", the paper's "fewer than 6
 * of 256"): the names say which, so an experiment file cannot mix them up silently.
 *
 * <p>Number keys take any YAML number; integer keys take integral numbers only. A missing block,
 * an unknown rule, an unknown key, a missing key, a value of the wrong type or out of range throws
 * {@link IllegalArgumentException} with a message that names the key as {@code stopping.<key>}
 * and the offending value, e.g. {@code stopping.beta must be a number > 0, got -1}, and suggests
 * the nearest name for a misspelt rule or key. {@link #create} has no side effects, so the
 * experiment loader can call {@link #validate} on every file before any trial starts.
 */
public final class StoppingRules {

    /** The prefix of every key in error messages: the block's name in an experiment file. */
    static final String BLOCK = "stopping";

    /** Rule names and their keys, in the order the documentation lists them. */
    private static final Map<String, List<String>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("abs-streak", List.of("beta", "window", "count"));
        KEYS.put("st3", List.of("beta", "window"));
        KEYS.put("wrong-of-recent", List.of("fewerThan", "tolerance", "window"));
        KEYS.put("test-set", List.of("testSize", "checkEvery", "maxWrong", "maxMeanAbsError"));
        KEYS.put("reber", List.of("streak"));
    }

    private StoppingRules() {}

    /** The names the {@code rule} key accepts. */
    public static Set<String> ruleNames() {
        return Collections.unmodifiableSet(KEYS.keySet());
    }

    /** Checks {@code spec} as {@link #create} does, and discards the rule. */
    public static void validate(Map<String, ?> spec) {
        create(spec);
    }

    /**
     * A fresh rule, in its initial state, for one trial.
     *
     * @throws IllegalArgumentException naming the bad key and value
     */
    public static StoppingRule create(Map<String, ?> spec) {
        if (spec == null) {
            throw new IllegalArgumentException(BLOCK + " is missing; it needs at least a rule, one of "
                    + String.join(", ", KEYS.keySet()));
        }
        String rule = ruleName(spec);
        Reader r = new Reader(spec, rule, KEYS.get(rule));
        try {
            return switch (rule) {
                case "abs-streak" -> new AbsStreakRule(
                        r.number("beta"), r.integer("window", AbsStreakRule.PAPER_WINDOW),
                        r.word("count", "streak-end", List.of("streak-end", "streak-start")).equals("streak-start"));
                case "st3" -> new St3Rule(r.number("beta"), r.integer("window", St3Rule.PAPER_WINDOW));
                case "wrong-of-recent" -> new WrongOfRecentRule(r.integer("fewerThan"),
                        r.number("tolerance", WrongOfRecentRule.PAPER_TOLERANCE),
                        r.integer("window", WrongOfRecentRule.PAPER_WINDOW));
                case "test-set" -> new TestSetRule(r.integer("testSize", TestSetRule.PAPER_TEST_SIZE),
                        r.integer("checkEvery", TestSetRule.DEFAULT_CHECK_EVERY), r.integer("maxWrong", 0),
                        r.optionalNumber("maxMeanAbsError"));
                case "reber" -> new ReberRule(r.integer("streak", ReberRule.DEFAULT_STREAK));
                default -> throw new AssertionError(rule); // ruleName() admits only the names of KEYS
            };
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(BLOCK + ".")) {
                throw e;
            }
            // The rules' own range checks name their parameters by the keys' names.
            throw new IllegalArgumentException(BLOCK + "." + e.getMessage(), e);
        }
    }

    private static String ruleName(Map<String, ?> spec) {
        if (!spec.containsKey("rule")) {
            throw new IllegalArgumentException(BLOCK + ".rule is missing; it must be one of "
                    + String.join(", ", KEYS.keySet()));
        }
        Object value = spec.get("rule");
        if (!(value instanceof String name)) {
            throw new IllegalArgumentException(BLOCK + ".rule must be a string, one of "
                    + String.join(", ", KEYS.keySet()) + ", got " + show(value));
        }
        if (!KEYS.containsKey(name)) {
            throw new IllegalArgumentException(BLOCK + ".rule must be one of "
                    + String.join(", ", KEYS.keySet()) + ", got " + show(value) + suggestion(name, KEYS.keySet()));
        }
        return name;
    }

    /** Reads the keys of one rule, after checking that the spec has no others. */
    private static final class Reader {
        private final Map<String, ?> spec;
        private final String rule;

        Reader(Map<String, ?> spec, String rule, List<String> allowed) {
            this.spec = spec;
            this.rule = rule;
            for (Object key : spec.keySet()) {
                if (!"rule".equals(key) && !allowed.contains(key)) {
                    String keys = allowed.isEmpty() ? "none" : String.join(", ", allowed);
                    throw new IllegalArgumentException(BLOCK + "." + key + " is not a key of rule " + rule
                            + " (its keys: " + keys + ")" + suggestion(String.valueOf(key), allowed));
                }
            }
        }

        double number(String key) {
            return toDouble(key, require(key));
        }

        double number(String key, double fallback) {
            return spec.containsKey(key) ? toDouble(key, spec.get(key)) : fallback;
        }

        OptionalDouble optionalNumber(String key) {
            return spec.containsKey(key) ? OptionalDouble.of(toDouble(key, spec.get(key))) : OptionalDouble.empty();
        }

        int integer(String key) {
            return toInt(key, require(key));
        }

        String word(String key, String fallback, List<String> allowed) {
            if (!spec.containsKey(key)) {
                return fallback;
            }
            Object value = spec.get(key);
            if (!(value instanceof String word) || !allowed.contains(word)) {
                throw new IllegalArgumentException(BLOCK + "." + key + " must be one of " + String.join(", ", allowed)
                        + ", got " + show(value));
            }
            return word;
        }

        int integer(String key, int fallback) {
            return spec.containsKey(key) ? toInt(key, spec.get(key)) : fallback;
        }

        private Object require(String key) {
            if (!spec.containsKey(key)) {
                throw new IllegalArgumentException(BLOCK + "." + key + " is missing; rule " + rule + " needs it");
            }
            return spec.get(key);
        }

        private static double toDouble(String key, Object value) {
            if (!(value instanceof Number n)) {
                throw new IllegalArgumentException(BLOCK + "." + key + " must be a number, got " + show(value));
            }
            return n.doubleValue();
        }

        private static int toInt(String key, Object value) {
            BigDecimal exact = exact(value);
            if (exact == null || exact.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException(BLOCK + "." + key + " must be an integer, got " + show(value));
            }
            BigInteger whole = exact.toBigIntegerExact();
            if (whole.bitLength() >= Integer.SIZE) {
                throw new IllegalArgumentException(BLOCK + "." + key + " is out of range, got " + show(value));
            }
            return whole.intValue();
        }

        /** {@code value} as an exact decimal, or null if it is not a finite number. */
        private static BigDecimal exact(Object value) {
            if (value instanceof Integer || value instanceof Long || value instanceof Short
                    || value instanceof Byte) {
                return BigDecimal.valueOf(((Number) value).longValue());
            }
            if (value instanceof BigInteger b) {
                return new BigDecimal(b);
            }
            if (value instanceof BigDecimal b) {
                return b;
            }
            if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
            }
            return null;
        }
    }

    /** A value as it would read in the experiment file: strings quoted, numbers plain. */
    static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return '"' + s + '"';
        }
        if (value instanceof Double || value instanceof Float) {
            return RuleChecks.format(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    /** "; did you mean x?" for the closest of {@code names} within a small edit distance, else "". */
    static String suggestion(String given, Iterable<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int d = EditDistance.distance(given.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= 2 ? "; did you mean " + best + "?" : "";
    }

    /** Every key a rule accepts besides {@code rule}, for help texts. */
    public static List<String> keysOf(String rule) {
        List<String> keys = KEYS.get(rule);
        if (keys == null) {
            throw new IllegalArgumentException("no stopping rule named " + show(rule));
        }
        return keys;
    }
}
