package org.longlag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.longlag.experiment.CatalogException;
import org.longlag.experiment.ExperimentCatalog;
import org.longlag.experiment.ExperimentRow;
import org.longlag.experiment.ModelEntry;
import org.longlag.experiment.RunEnvironment;
import org.longlag.model.ModelKind;
import org.longlag.model.ModelKinds;
import org.longlag.model.SequenceModel;
import org.longlag.task.AddingTask;
import org.longlag.task.Sequence;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longlag bench}: training throughput of every model kind on the adding task, through the
 * same {@link SequenceModel#train} call the experiment runner makes (forward pass, backward pass,
 * weight update, plus whatever the model does to return its pre-update outputs).
 *
 * <p>Method: per benchmark row a fresh model and a pool of pre-generated sequences (generation is
 * not timed); a warm-up run (JIT, native buffers) that is discarded; then {@code --repetitions}
 * timed runs of at least {@code --seconds} each (or exactly {@code --sequences} sequences each),
 * always whole updates. Reported: median, min and max over the repetitions of sequences/s and
 * sequence-steps/s (steps are the real lengths, which the adding task draws from
 * {@code [T, T + T/10]}).
 *
 * <p>Fairness: one thread. ND4J is told to use one thread for its native ops (environment
 * {@code maxThreads}, {@code maxMasterThreads} and OpenMP threads); {@code scripts/bench} also
 * exports {@code OMP_NUM_THREADS=1} before the JVM starts, since some native pools read it only
 * at load. The plain-Java models are single-threaded by construction.
 *
 * <p>Rows: {@code lstm1997} (the paper's 93-weight adding net, on-line) and {@code rnn1997} (8
 * sigmoid hidden units, 97 weights, on-line) at batch 1; DL4J's built-in {@code lstm} (4 units, 117
 * weights) and {@code rnn} (SimpleRnn, 8 units, 97 weights), both plain SGD, at batch 1 and 32.
 * Kinds not registered in this build are listed as skipped. {@code --row ID} adds the DL4J models
 * of an adding row exactly as its experiment file sets them (size, optimizer, batch).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Training throughput (sequences/s, sequence-steps/s) of each model kind on the adding task.")
public final class BenchCommand implements Callable<Integer> {

    /** The output formats. */
    public enum Format { table, json }

    /** Defaults, in one place. */
    static final int DEFAULT_REPETITIONS = 5;
    static final double DEFAULT_SECONDS = 1.0;
    static final double DEFAULT_WARMUP = 1.0;
    static final int POOL = 64;

    /**
     * One benchmark row before it runs.
     *
     * @param model the model kind
     * @param settings the kind's settings
     * @param T the adding task's minimal length
     */
    record Case(String model, Map<String, Object> settings, int T) {
    }

    /**
     * One measured row.
     *
     * @param sequencesPerRepetition mean sequences per timed repetition
     * @param sequencesPerSecond one rate per repetition
     * @param seqStepsPerSecond one rate per repetition
     */
    record Row(String model, String protocol, int T, int batch, long parameters, int repetitions,
            double sequencesPerRepetition, double[] sequencesPerSecond, double[] seqStepsPerSecond) {
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--repetitions", defaultValue = "" + DEFAULT_REPETITIONS,
            description = "Timed repetitions per row; the median is reported (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--seconds", defaultValue = "" + DEFAULT_SECONDS,
            description = "Minimum seconds per repetition, in whole updates (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--sequences", description = "Exactly this many sequences per repetition instead of --seconds "
            + "(rounded up to whole batches).")
    Integer sequences;

    @Option(names = "--warmup", defaultValue = "" + DEFAULT_WARMUP,
            description = "Seconds of untimed warm-up per row, at least one update (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--models", split = ",", description = "Only these model kinds (comma-separated; default: all of "
            + "lstm1997, rnn1997, lstm, rnn).")
    List<String> models;

    @Option(names = "--lengths", split = ",", defaultValue = "100,1000",
            description = "Adding-task lengths T (default: ${DEFAULT-VALUE}).")
    List<Integer> lengths;

    @Option(names = "--row", paramLabel = "ID",
            description = "Also measure this adding row's own DL4J models (lstm, rnn) with the settings and batch "
                    + "of its experiment file, e.g. adding-t100.")
    String row;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of weights and sequences (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The rows of the benchmark for adding-task length {@code T}, in output order. */
    static List<Case> cases(int T) {
        List<Case> cases = new ArrayList<>();
        // Exp. 4's net: 2 blocks of 2 cells, 93 weights, input-gate biases -3 and -6, alpha 0.5.
        cases.add(new Case("lstm1997", Map.of("blocks", 2, "cellsPerBlock", 2, "learningRate", 0.5,
                "inputGateBias", List.of(-3.0, -6.0)), T));
        cases.add(new Case("rnn1997", Map.of("hidden", 8, "learningRate", 0.5), T));
        for (int batch : new int[] {1, 32}) {
            cases.add(new Case("lstm",
                    Map.of("hidden", 4, "batch", batch, "optimizer", "sgd", "learningRate", 0.1), T));
        }
        for (int batch : new int[] {1, 32}) {
            cases.add(new Case("rnn",
                    Map.of("hidden", 8, "batch", batch, "optimizer", "sgd", "learningRate", 0.1), T));
        }
        return cases;
    }

    static final List<String> KNOWN_MODELS = List.of("lstm1997", "rnn1997", "lstm", "rnn");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String problem = checkOptions();
        if (problem != null) {
            err.println("error: " + problem);
            err.flush();
            return LonglagCommand.BAD_INPUT;
        }
        String threads = restrictToOneThread();
        RunEnvironment env = RunEnvironment.capture(LonglagCommand.home());
        Set<String> wanted = models == null ? new LinkedHashSet<>(KNOWN_MODELS) : new LinkedHashSet<>(models);
        List<ModelEntry> fileModels;
        try {
            fileModels = fileModels();
        } catch (IllegalArgumentException | CatalogException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return LonglagCommand.BAD_INPUT;
        }

        List<Row> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int T : lengths) {
            List<Case> cases = new ArrayList<>(cases(T));
            for (ModelEntry m : fileModels) {
                cases.add(new Case(m.kind(), m.settings(), T));
            }
            for (Case c : cases) {
                if (!wanted.contains(c.model())) {
                    continue;
                }
                if (!ModelKinds.names().contains(c.model())) {
                    String why = c.model() + ": not registered in this build";
                    if (!skipped.contains(why)) {
                        skipped.add(why);
                    }
                    continue;
                }
                ModelKind kind = ModelKinds.get(c.model());
                try {
                    kind.validate(c.settings(), 2, 1);
                } catch (IllegalArgumentException e) {
                    skipped.add(c.model() + " T=" + T + ": " + e.getMessage());
                    continue;
                }
                err.printf(Locale.ROOT, "bench: %s T=%d %s...%n", c.model(), T, new TreeMap<>(c.settings()));
                err.flush();
                rows.add(measure(kind, c));
            }
        }

        if (format == Format.json) {
            out.println(json(rows, env, threads));
        } else {
            out.print(table(rows, skipped, env, threads));
        }
        out.flush();
        for (String s : skipped) {
            err.println("bench: skipped " + s);
        }
        err.flush();
        return 0;
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
        if (!"adding".equals(r.taskKind())) {
            throw new IllegalArgumentException("--row: the benchmark task is the adding problem, but " + row
                    + " is a " + r.taskKind() + " row");
        }
        return r.models().stream().filter(m -> m.kind().equals("lstm") || m.kind().equals("rnn")).toList();
    }

    private String checkOptions() {
        if (repetitions < 1) {
            return "--repetitions must be at least 1, got " + repetitions;
        }
        if (!(seconds > 0) || !Double.isFinite(seconds)) {
            return "--seconds must be a positive number, got " + seconds;
        }
        if (!(warmup >= 0) || !Double.isFinite(warmup)) {
            return "--warmup must be a number >= 0, got " + warmup;
        }
        if (sequences != null && sequences < 1) {
            return "--sequences must be at least 1, got " + sequences;
        }
        for (int T : lengths) {
            if (T < AddingTask.MIN_T || T > 100_000) {
                return "--lengths: T must be in [" + AddingTask.MIN_T + ", 100000], got " + T;
            }
        }
        if (models != null) {
            for (String m : models) {
                if (!KNOWN_MODELS.contains(m)) {
                    return "--models: unknown model '" + m + "' (known: " + String.join(", ", KNOWN_MODELS) + ")";
                }
            }
        }
        return null;
    }

    /** Restricts ND4J's native ops to one thread and says what took effect. */
    static String restrictToOneThread() {
        var environment = Nd4j.getEnvironment();
        environment.setMaxThreads(1);
        environment.setMaxMasterThreads(1);
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        ops.setOmpNumThreads(1);
        String omp = System.getenv("OMP_NUM_THREADS");
        return String.format(Locale.ROOT, "1 thread (ND4J maxThreads %d, maxMasterThreads %d, OpenMP max %d; "
                        + "OMP_NUM_THREADS=%s)",
                environment.maxThreads(), environment.maxMasterThreads(), ops.ompGetMaxThreads(),
                omp == null ? "unset" : omp);
    }

    private Row measure(ModelKind kind, Case c) {
        SequenceModel model = kind.create(c.settings(), 2, 1, seed);
        int batch = model.batchSize();
        AddingTask task = new AddingTask(c.T());
        SplittableRandom rng = new SplittableRandom(seed);
        int poolBatches = Math.max(1, POOL / batch);
        List<List<Sequence>> pool = new ArrayList<>(poolBatches);
        long[] poolSteps = new long[poolBatches];
        for (int b = 0; b < poolBatches; b++) {
            List<Sequence> list = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                Sequence s = task.sample(rng);
                list.add(s);
                poolSteps[b] += s.length();
            }
            pool.add(List.copyOf(list));
        }

        int[] cursor = {0};
        run(model, pool, poolSteps, cursor, warmup, 1);
        double[] seqRate = new double[repetitions];
        double[] stepRate = new double[repetitions];
        double sequencesTotal = 0;
        for (int r = 0; r < repetitions; r++) {
            long minUpdates = sequences == null ? 1 : (sequences + batch - 1) / batch;
            double minSeconds = sequences == null ? seconds : 0;
            long[] counts = run(model, pool, poolSteps, cursor, minSeconds, minUpdates);
            double elapsed = counts[2] / 1e9;
            long seqs = counts[0] * batch;
            seqRate[r] = seqs / elapsed;
            stepRate[r] = counts[1] / elapsed;
            sequencesTotal += seqs;
        }
        return new Row(c.model(), kind.protocol(c.settings()), c.T(), batch, model.parameterCount(), repetitions,
                sequencesTotal / repetitions, seqRate, stepRate);
    }

    /**
     * Trains whole updates until both {@code minSeconds} have passed and {@code minUpdates} updates
     * were made; returns {updates, sequence-steps, nanoseconds}.
     */
    private static long[] run(SequenceModel model, List<List<Sequence>> pool, long[] poolSteps, int[] cursor,
            double minSeconds, long minUpdates) {
        long minNanos = (long) (minSeconds * 1e9);
        long updates = 0;
        long steps = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            int b = cursor[0];
            model.train(pool.get(b));
            steps += poolSteps[b];
            cursor[0] = (b + 1) % pool.size();
            updates++;
            elapsed = System.nanoTime() - start;
        } while (updates < minUpdates || elapsed < minNanos);
        return new long[] {updates, steps, elapsed};
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private String method() {
        return sequences == null
                ? String.format(Locale.ROOT, "median of %d repetitions of >= %s s each, [min, max] beside it; "
                        + "warm-up %s s excluded", repetitions, seconds, warmup)
                : String.format(Locale.ROOT, "median of %d repetitions of %d sequences each, [min, max] beside it; "
                        + "warm-up %s s excluded", repetitions, sequences, warmup);
    }

    private String table(List<Row> rows, List<String> skipped, RunEnvironment env, String threads) {
        StringBuilder s = new StringBuilder();
        s.append("# longlag bench: training throughput on the adding task (forward, backward, update via "
                + "SequenceModel.train)\n");
        s.append("# ").append(threads).append('\n');
        s.append("# ").append(method()).append('\n');
        s.append(String.format(Locale.ROOT, "# Java %s, DL4J %s, %s, CPU %s, commit %.10s%s%n", env.javaVersion(),
                env.dl4jVersion(), env.os(), env.cpu(), env.gitCommit(), env.gitDirty() ? " (dirty)" : ""));
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"model", "T", "batch", "params", "seq/s", "[min, max]", "seq-steps/s", "[min, max]",
            "protocol"});
        for (Row r : rows) {
            cells.add(new String[] {r.model(), Integer.toString(r.T()), Integer.toString(r.batch()),
                Long.toString(r.parameters()),
                rate(median(r.sequencesPerSecond())),
                "[" + rate(min(r.sequencesPerSecond())) + ", " + rate(max(r.sequencesPerSecond())) + "]",
                rate(median(r.seqStepsPerSecond())),
                "[" + rate(min(r.seqStepsPerSecond())) + ", " + rate(max(r.seqStepsPerSecond())) + "]",
                r.protocol()});
        }
        s.append(align(cells));
        for (String k : skipped) {
            s.append("# skipped ").append(k).append('\n');
        }
        return s.toString();
    }

    /** Rates with three significant digits at least, grouped thousands, never scientific. */
    static String rate(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Aligns columns: the first and last (names, protocol) to the left, the numbers to the right. */
    static String align(List<String[]> cells) {
        int columns = cells.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : cells) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String pad = " ".repeat(widths[i] - row[i].length());
                boolean left = i == 0 || i == columns - 1;
                line.append(left ? row[i] + pad : pad + row[i]);
                if (i < columns - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private String json(List<Row> rows, RunEnvironment env, String threads) throws Exception {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", r.model());
            m.put("protocol", r.protocol());
            m.put("task", "adding");
            m.put("T", r.T());
            m.put("batch", r.batch());
            m.put("parameters", r.parameters());
            m.put("repetitions", r.repetitions());
            m.put("sequencesPerRepetition", r.sequencesPerRepetition());
            m.put("sequencesPerSecond", median(r.sequencesPerSecond()));
            m.put("sequencesPerSecondMin", min(r.sequencesPerSecond()));
            m.put("sequencesPerSecondMax", max(r.sequencesPerSecond()));
            m.put("seqStepsPerSecond", median(r.seqStepsPerSecond()));
            m.put("seqStepsPerSecondMin", min(r.seqStepsPerSecond()));
            m.put("seqStepsPerSecondMax", max(r.seqStepsPerSecond()));
            m.put("threads", threads);
            m.put("java", env.javaVersion());
            m.put("dl4j", env.dl4jVersion());
            m.put("cpu", env.cpu());
            m.put("gitCommit", env.gitCommit());
            m.put("gitDirty", env.gitDirty());
            list.add(m);
        }
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(list);
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
