package org.longlag.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.longlag.model.ModelKind;
import org.longlag.model.SequenceModel;
import org.longlag.task.GeneratedTask;
import org.longlag.task.Sequence;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Measures training throughput through the same {@link SequenceModel#train} call the experiment
 * runner makes (forward pass, backward pass, weight update, plus whatever the model does to return
 * its pre-update outputs).
 *
 * <p>Method: per row a fresh model and a pool of pre-generated sequences (generation is not
 * timed); a warm-up (JIT, native buffers) that is discarded; then
 * {@code repetitions} timed runs of at least {@code seconds} each (or exactly {@code sequences}
 * sequences each), always whole updates. Rates: sequences/s and sequence-steps/s, steps being the
 * real lengths of the sequences; and sequence-steps per second of the process's CPU time (all its
 * threads), which a machine busy with other work disturbs less than wall-clock rates.
 *
 * @param repetitions timed repetitions per row
 * @param seconds minimum seconds per repetition (ignored when {@code sequences} is set)
 * @param sequences exactly this many sequences per repetition (rounded up to whole batches), or null
 * @param warmup seconds of untimed warm-up, at least one update
 * @param seed seed of weights and sequences
 */
public record Benchmark(int repetitions, double seconds, Integer sequences, double warmup, long seed) {

    /** Defaults, in one place. */
    public static final int DEFAULT_REPETITIONS = 5;
    /** Default minimum seconds per repetition. */
    public static final double DEFAULT_SECONDS = 1.0;
    /** Default warm-up seconds. */
    public static final double DEFAULT_WARMUP = 1.0;
    /** Sequences generated per row (cycled through). */
    public static final int POOL = 64;

    /** Checks the parameters; the message names the option and its value. */
    public Benchmark {
        if (repetitions < 1) {
            throw new IllegalArgumentException("--repetitions must be at least 1, got " + repetitions);
        }
        if (!(seconds > 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("--seconds must be a positive number, got " + seconds);
        }
        if (!(warmup >= 0) || !Double.isFinite(warmup)) {
            throw new IllegalArgumentException("--warmup must be a number >= 0, got " + warmup);
        }
        if (sequences != null && sequences < 1) {
            throw new IllegalArgumentException("--sequences must be at least 1, got " + sequences);
        }
    }

    /** Measures one row. */
    public BenchResult measure(ModelKind kind, BenchCase c) {
        BenchTask benchTask = c.task();
        GeneratedTask task = benchTask.generator();
        SequenceModel model = kind.create(c.settings(), task.inputSize(), task.outputSize(), seed);
        int batch = model.batchSize();
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
        double[] cpuStepRate = new double[repetitions];
        double sequencesTotal = 0;
        for (int r = 0; r < repetitions; r++) {
            long minUpdates = sequences == null ? 1 : (sequences + batch - 1) / batch;
            double minSeconds = sequences == null ? seconds : 0;
            long[] counts = run(model, pool, poolSteps, cursor, minSeconds, minUpdates);
            double elapsed = counts[2] / 1e9;
            long seqs = counts[0] * batch;
            seqRate[r] = seqs / elapsed;
            stepRate[r] = counts[1] / elapsed;
            cpuStepRate[r] = counts[3] > 0 ? counts[1] / (counts[3] / 1e9) : Double.NaN;
            sequencesTotal += seqs;
        }
        return new BenchResult(c.name(), c.engine(), kind.protocol(c.settings()), benchTask, batch,
                model.parameterCount(), repetitions, sequencesTotal / repetitions, seqRate, stepRate, cpuStepRate,
                c.comparisonKey());
    }

    /** CPU time of the whole process so far in nanoseconds (all threads, so JIT and GC count), or -1. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * Trains whole updates until both {@code minSeconds} have passed and {@code minUpdates} updates
     * were made; returns {updates, sequence-steps, nanoseconds, process CPU nanoseconds (-1 if unknown)}.
     */
    private static long[] run(SequenceModel model, List<List<Sequence>> pool, long[] poolSteps, int[] cursor,
            double minSeconds, long minUpdates) {
        long minNanos = (long) (minSeconds * 1e9);
        long updates = 0;
        long steps = 0;
        long cpuStart = processCpuNanos();
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
        long cpuEnd = processCpuNanos();
        return new long[] {updates, steps, elapsed, cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart};
    }

    /** One line on the method, for reports. */
    public String method() {
        return sequences == null
                ? String.format(Locale.ROOT, "median of %d repetitions of >= %s s each, [min, max] beside it; "
                        + "warm-up %s s excluded", repetitions, seconds, warmup)
                : String.format(Locale.ROOT, "median of %d repetitions of %d sequences each, [min, max] beside it; "
                        + "warm-up %s s excluded", repetitions, sequences, warmup);
    }

    /**
     * Restricts ND4J's native ops to one thread and says what took effect. {@code scripts/bench}
     * also exports {@code OMP_NUM_THREADS=1} before the JVM starts, since some native pools read it
     * only at load; the plain-Java models are single-threaded by construction.
     */
    public static String restrictToOneThread() {
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
}
