package org.longlag.spark;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a Spark master URL before Spark is started, so that a typo is reported as bad input
 * naming the option and value rather than as a failure deep inside Spark. Needs no Spark class.
 */
public final class SparkMaster {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,(\\d+))?])?");
    private static final Pattern STANDALONE =
            Pattern.compile("spark://[A-Za-z0-9._-]+:\\d{1,5}(?:,[A-Za-z0-9._-]+:\\d{1,5})*");
    private static final Pattern OTHER = Pattern.compile("yarn|k8s://\\S+");

    /** What a well-formed master looks like, for error messages. */
    public static final String EXPECTED = "local, local[K], local[*], spark://HOST:PORT, yarn or k8s://URL";

    private SparkMaster() {
    }

    /**
     * Why {@code master} is not a Spark master URL Spark can use, or empty if it is one.
     */
    public static Optional<String> problem(String master) {
        Matcher local = LOCAL.matcher(master);
        if (local.matches()) {
            return "0".equals(local.group(1)) ? Optional.of("local[K] needs K of at least 1") : Optional.empty();
        }
        if (STANDALONE.matcher(master).matches() || OTHER.matcher(master).matches()) {
            return Optional.empty();
        }
        return Optional.of("expected " + EXPECTED);
    }

    /** Whether {@code master} runs every task inside the driver's JVM. */
    public static boolean isLocal(String master) {
        return LOCAL.matcher(master).matches();
    }
}
