package org.longlag.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.longlag.experiment.ExperimentCatalog;
import org.longlag.experiment.ExperimentRow;
import org.longlag.experiment.ExperimentRunner;
import org.longlag.experiment.RunEnvironment;
import org.longlag.experiment.TrialTrainer;
import org.longlag.report.ResultStore;
import org.longlag.spark.SparkMaster;
import org.longlag.spark.SparkTrialRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code longlag run ID|FAMILY}: runs trials and appends one result line per finished trial. */
@Command(name = "run", description = "Run the trials of an experiment or a whole family; results are appended.")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    LonglagCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID|FAMILY", description = "Experiment id (e.g. adding-t100) or family (e.g. adding).")
    String target;

    @Option(names = "--models", split = ",", paramLabel = "NAME", description = "Only these models (default: all).")
    List<String> models = new ArrayList<>();

    @Option(names = "--trials", defaultValue = "3", paramLabel = "N|paper",
            description = "Trials per model, or 'paper' for the row's paperTrials (default: ${DEFAULT-VALUE}).")
    String trials;

    @Option(names = "--seed", defaultValue = "1997", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-sequences", paramLabel = "N", description = "Cap every model's training budget at N.")
    Long maxSequences;

    @Option(names = "--test-size", paramLabel = "N",
            description = "Final test on N sequences instead of the row's (for quick checks; recorded).")
    Integer testSize;

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "K", description = "Trials at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--fresh", description = "Rerun trials already recorded with the same configuration.")
    boolean fresh;

    @Option(names = "--no-progress", description = "No progress bar; one line per finished trial instead.")
    boolean noProgress;

    @Option(names = "--spark", paramLabel = "MASTER", arity = "0..1", fallbackValue = "local[*]",
            description = "Run the trials as tasks of a Spark job on MASTER: local[K] (K trials at once in this "
                    + "JVM; --spark alone: local[*], one per core), spark://HOST:PORT (a standalone cluster), "
                    + "yarn or k8s://URL. Instead of --parallel.")
    String spark;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting for --spark, e.g. spark.executor.memory=4g (repeatable).")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        validateOptions();
        ExperimentCatalog catalog = root.catalog();
        List<ExperimentRow> rows = catalog.resolve(target);
        checkModels(rows);
        // One native thread per trial; --parallel (or --spark) spreads trials over the cores instead.
        int threads = 1;
        TrialTrainer.limitNativeThreads(threads);
        Path resultsDir = results.isAbsolute() ? results : LonglagCommand.home().resolve(results);
        try {
            Files.createDirectories(resultsDir.resolve("runs"));
        } catch (IOException e) {
            throw new BadInputException("--results: cannot create " + resultsDir.resolve("runs") + " (" + e + ")");
        }
        ExperimentRunner runner = new ExperimentRunner(new ResultStore(resultsDir),
                RunEnvironment.capture(LonglagCommand.home()), threads);
        PrintWriter err = spec.commandLine().getErr();
        // A Spark job reports trials only as they finish, too seldom to drive a bar.
        boolean bar = !noProgress && spark == null && System.console() != null;
        ProgressReporter reporter = new ProgressReporter(err, bar);
        ExperimentRunner.Options options = new ExperimentRunner.Options(models, trialCount(), seed, maxSequences,
                testSize, parallel, fresh);
        ExperimentRunner.Summary summary;
        try {
            summary = spark == null ? runner.run(rows, options, reporter) : runOnSpark(runner, rows, options, reporter);
        } finally {
            reporter.close();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s; results in %s%n", summary.describe(), resultsDir.resolve("runs"));
        out.flush();
        return 0;
    }

    /**
     * Runs the trials as a Spark job. Spark's classes are loaded here and only here: without
     * {@code --spark} the command never touches them, and scripts/longlag leaves them off the class
     * path.
     */
    private ExperimentRunner.Summary runOnSpark(ExperimentRunner runner, List<ExperimentRow> rows,
            ExperimentRunner.Options options, ProgressReporter reporter) throws InterruptedException {
        try {
            return new SparkTrialRunner(runner, spark, sparkConf, "longlag run " + target).run(rows, options, reporter);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("--spark needs Spark's jars on the class path (scripts/longlag adds them "
                    + "when --spark is given; spark-submit brings its own): missing " + e.getMessage(), e);
        }
    }

    /** {@code --trials} as a count, {@link ExperimentRunner.Options#PAPER_TRIALS} for {@code paper}. */
    private int trialCount() {
        if ("paper".equals(trials)) {
            return ExperimentRunner.Options.PAPER_TRIALS;
        }
        try {
            int n = Integer.parseInt(trials);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException("--trials must be a whole number of at least 1 or 'paper', got '" + trials + "'");
    }

    private void validateOptions() {
        trialCount();
        if (parallel < 1) {
            throw new BadInputException("--parallel must be at least 1, got " + parallel);
        }
        if (testSize != null && testSize < 1) {
            throw new BadInputException("--test-size must be at least 1, got " + testSize);
        }
        if (maxSequences != null && maxSequences < 1) {
            throw new BadInputException("--max-sequences must be at least 1, got " + maxSequences);
        }
        validateSparkOptions();
    }

    private void validateSparkOptions() {
        if (spark == null) {
            if (!sparkConf.isEmpty()) {
                throw new BadInputException("--spark-conf " + sparkConf.keySet() + " needs --spark MASTER");
            }
            return;
        }
        SparkMaster.problem(spark).ifPresent(problem -> {
            throw new BadInputException("--spark: malformed master '" + spark + "' (" + problem + ")");
        });
        if (spec.commandLine().getParseResult().hasMatchedOption("--parallel")) {
            throw new BadInputException("--spark " + spark + " and --parallel " + parallel + " exclude each other: "
                    + "a Spark job runs as many trials at once as its executors have cores (local[K]: K)");
        }
        for (String key : sparkConf.keySet()) {
            if (!key.startsWith("spark.")) {
                throw new BadInputException("--spark-conf: '" + key + "' is not a Spark setting (keys start with spark.)");
            }
        }
    }

    private void checkModels(List<ExperimentRow> rows) {
        Set<String> known = new LinkedHashSet<>();
        rows.forEach(r -> known.addAll(r.modelNames()));
        for (String model : models) {
            if (!known.contains(model)) {
                throw new BadInputException("--models: unknown model '" + model + "' for " + target + " (known: "
                        + String.join(", ", known) + ")");
            }
        }
    }
}
