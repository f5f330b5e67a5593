package org.longlag.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.longlag.bench.BenchCase;
import org.longlag.bench.BenchCases;
import org.longlag.bench.BenchReport;
import org.longlag.bench.BenchResult;
import org.longlag.bench.BenchTask;
import org.longlag.bench.Benchmark;
import org.longlag.bench.Stats;
import org.longlag.experiment.CatalogException;
import org.longlag.experiment.ExperimentCatalog;
import org.longlag.experiment.ExperimentRow;
import org.longlag.experiment.ModelEntry;
import org.longlag.experiment.RunEnvironment;
import org.longlag.model.ModelKind;
import org.longlag.model.ModelKinds;
import org.longlag.task.AddingTask;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longlag bench}: training throughput of every model kind, through the same
 * {@link org.longlag.model.SequenceModel#train} call the experiment runner makes. The rows are
 * {@link BenchCases}', the method {@link Benchmark}'s, the formats {@link BenchReport}'s; this
 * command parses options, runs the rows one after the other and prints.
 *
 * <p>On the adding task by default; {@code --row ID} adds the DL4J models of an adding row as its
 * experiment file sets them; {@code --widths} measures the DL4J models on Exp. 2c's one-hot inputs
 * of the given widths instead. Every DL4J model runs on its three engines (fused cell ops,
 * {@code <kind>.layers} and {@code <kind>.composed}), and the table and JSON give the speed-up of
 * the fused and the composed engine over the layers.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Training throughput (sequences/s, sequence-steps/s) of each model kind on the adding task.")
public final class BenchCommand implements Callable<Integer> {

    /** The output formats. */
    public enum Format { table, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--repetitions", defaultValue = "" + Benchmark.DEFAULT_REPETITIONS,
            description = "Timed repetitions per row; the median is reported (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--seconds", defaultValue = "" + Benchmark.DEFAULT_SECONDS,
            description = "Minimum seconds per repetition, in whole updates (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--sequences", description = "Exactly this many sequences per repetition instead of --seconds "
            + "(rounded up to whole batches).")
    Integer sequences;

    @Option(names = "--warmup", defaultValue = "" + Benchmark.DEFAULT_WARMUP,
            description = "Seconds of untimed warm-up per row, at least one update (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--models", split = ",", description = "Only these rows (comma-separated; default: all of "
            + "lstm1997, rnn1997, lstm.fused, lstm.layers, lstm, rnn.fused, rnn.layers, rnn; <kind> is the DL4J "
            + "model on its default engine, ND4J's general ops; <kind>.fused on libnd4j's fused cell ops; "
            + "<kind>.layers on MultiLayerNetwork's layers).")
    List<String> models;

    @Option(names = "--lengths", split = ",", defaultValue = "100,1000",
            description = "Adding-task lengths T, or the one-hot task's q with --widths (default: ${DEFAULT-VALUE}).")
    List<Integer> lengths;

    @Option(names = "--row", paramLabel = "ID",
            description = "Also measure this adding row's own DL4J models (lstm, rnn) with the settings and batch "
                    + "of its experiment file, e.g. adding-t100.")
    String row;

    @Option(names = "--widths", split = ",", paramLabel = "W",
            description = "Measure the DL4J models (Exp. 2c's sizes) on one-hot inputs of these widths (Exp. 2c's "
                    + "very-long-lag task, p = W - 4, q = each of --lengths) instead of the adding task.")
    List<Integer> widths;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of weights and sequences (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Defaults and helpers kept reachable under their old names. */
    static final List<String> KNOWN_MODELS = BenchCases.KNOWN_MODELS;

    static double median(double[] values) {
        return Stats.median(values);
    }

    static String rate(double v) {
        return Stats.rate(v);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Benchmark benchmark;
        List<BenchCase> cases;
        try {
            benchmark = new Benchmark(repetitions, seconds, sequences, warmup, seed);
            cases = cases();
        } catch (IllegalArgumentException | CatalogException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return LonglagCommand.BAD_INPUT;
        }
        String threads = Benchmark.restrictToOneThread();
        RunEnvironment env = RunEnvironment.capture(LonglagCommand.home());

        List<BenchResult> results = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (BenchCase c : cases) {
            if (!ModelKinds.names().contains(c.kind())) {
                String why = c.kind() + ": not registered in this build";
                if (!skipped.contains(why)) {
                    skipped.add(why);
                }
                continue;
            }
            ModelKind kind = ModelKinds.get(c.kind());
            try {
                kind.validate(c.settings(), c.task().inputs(), c.task().outputs());
            } catch (IllegalArgumentException e) {
                skipped.add(c.name() + " T=" + c.task().T() + ": " + e.getMessage());
                continue;
            }
            err.printf(Locale.ROOT, "bench: %s %s T=%d inputs=%d %s...%n", c.name(), c.task().kind(), c.task().T(),
                    c.task().inputs(), new TreeMap<>(c.settings()));
            err.flush();
            results.add(benchmark.measure(kind, c));
        }

        BenchReport report = new BenchReport(results, skipped, env, threads, benchmark.method());
        out.print(format == Format.json ? report.json() + "\n" : report.table());
        out.flush();
        for (String s : skipped) {
            err.println("bench: skipped " + s);
        }
        err.flush();
        return 0;
    }

    /** The rows to run, in output order, after the options are checked. */
    private List<BenchCase> cases() {
        Set<String> wanted = models == null ? new LinkedHashSet<>(KNOWN_MODELS) : new LinkedHashSet<>(models);
        for (String m : wanted) {
            if (!KNOWN_MODELS.contains(m)) {
                throw new IllegalArgumentException("--models: unknown model '" + m + "' (known: "
                        + String.join(", ", KNOWN_MODELS) + ")");
            }
        }
        for (int T : lengths) {
            if (T < AddingTask.MIN_T || T > 100_000) {
                throw new IllegalArgumentException("--lengths: T must be in [" + AddingTask.MIN_T + ", 100000], got "
                        + T);
            }
        }
        if (widths != null && row != null) {
            throw new IllegalArgumentException("--row measures the adding task and --widths the one-hot task; "
                    + "give one of them");
        }
        List<ModelEntry> fileModels = fileModels();
        List<BenchCase> all = new ArrayList<>();
        for (int T : lengths) {
            if (widths != null) {
                for (int w : widths) {
                    BenchTask.oneHot(w, T); // checks the width
                }
                all.addAll(BenchCases.widths(widths, T));
            } else {
                all.addAll(BenchCases.adding(T));
                all.addAll(BenchCases.fromFile(fileModels, BenchTask.adding(T)));
            }
        }
        return all.stream().filter(c -> wanted.contains(c.name())).toList();
    }

    /** The DL4J models of {@code --row}, as its experiment file sets them; none without the option. */
    private List<ModelEntry> fileModels() {
        if (row == null) {
            return List.of();
        }
        ExperimentCatalog catalog = ExperimentCatalog.load(LonglagCommand.home().resolve("experiments"));
        ExperimentRow r = catalog.row(row);
        if (r == null) {
            throw new IllegalArgumentException("--row: unknown experiment '" + row + "'");
        }
        if (!AddingTask.KIND.equals(r.taskKind())) {
            throw new IllegalArgumentException("--row: the benchmark task is the adding problem, but " + row
                    + " is a " + r.taskKind() + " row");
        }
        // The row's own models: its readings (such as a settings search) are measured by naming none.
        return r.models().stream().filter(m -> !m.isReading() && BenchCases.DL4J_KINDS.contains(m.kind())).toList();
    }

    /** Standalone entry point ({@code longlag bench} is the usual way in). */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
