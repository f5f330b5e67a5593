package org.longlag.spark;

import java.util.ArrayList;
import java.util.List;
import org.longlag.cli.LonglagCommand;

/**
 * The entry point for {@code spark-submit}: its arguments are those of {@code longlag run}, and the
 * master is spark-submit's own ({@code --master}, which it passes as the system property
 * {@code spark.master}) unless {@code --spark} names one:
 *
 * <pre>
 * spark-submit --master spark://HOST:7077 --class org.longlag.spark.SubmitMain --jars DEPS longlag.jar \
 *     temporal-order --models lstm1997 --trials 10
 * </pre>
 */
public final class SubmitMain {

    private SubmitMain() {
    }

    /** Runs {@code longlag run ARGS --spark MASTER}. */
    public static void main(String[] args) {
        List<String> run = new ArrayList<>(List.of("run"));
        run.addAll(List.of(args));
        boolean masterGiven = run.stream().anyMatch(a -> a.equals("--spark") || a.startsWith("--spark="));
        if (!masterGiven) {
            run.add("--spark");
            run.add(System.getProperty("spark.master", "local[*]"));
        }
        LonglagCommand.main(run.toArray(String[]::new));
    }
}
