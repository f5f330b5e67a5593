package org.longlag.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.longlag.experiment.RunEnvironment;

/**
 * The benchmark's two output formats: an aligned table with a commented header (environment,
 * method), and a JSON array of one object per row. A row measured on the fused or the composed
 * engine whose model was also measured on the layer engine in the same run carries the speed-up
 * over it (ratio of the median rates).
 *
 * @param results the measured rows, in run order
 * @param skipped reasons rows were skipped
 * @param environment where it ran
 * @param threads what the thread restriction achieved
 * @param method one line on the timing method
 */
public record BenchReport(List<BenchResult> results, List<String> skipped, RunEnvironment environment,
        String threads, String method) {

    /**
     * Median rate of {@code r} over that of the same model on the layer engine in this run, or
     * null when {@code r} is a layer-engine row, not a DL4J model, or has no such partner.
     */
    public Double speedupOverLayers(BenchResult r) {
        BenchResult layers = layerPartner(r);
        return layers == null ? null : r.medianSeqStepsPerSecond() / layers.medianSeqStepsPerSecond();
    }

    /** As {@link #speedupOverLayers}, from the rates per CPU second. */
    public Double cpuSpeedupOverLayers(BenchResult r) {
        BenchResult layers = layerPartner(r);
        return layers == null ? null : r.medianSeqStepsPerCpuSecond() / layers.medianSeqStepsPerCpuSecond();
    }

    private BenchResult layerPartner(BenchResult r) {
        if (r.engine() == null || LAYERS.equals(r.engine())) {
            return null;
        }
        for (BenchResult other : results) {
            if (LAYERS.equals(other.engine()) && other.comparisonKey().equals(r.comparisonKey())) {
                return other;
            }
        }
        return null;
    }

    /** The engine every other engine is compared with. */
    private static final String LAYERS = "layers";

    /** The human table. */
    public String table() {
        StringBuilder s = new StringBuilder();
        s.append("# longlag bench: training throughput (forward, backward, update via SequenceModel.train)\n");
        s.append("# ").append(threads).append('\n');
        s.append("# ").append(method).append('\n');
        s.append(String.format(Locale.ROOT, "# Java %s, DL4J %s, %s, CPU %s, commit %.10s%s%n",
                environment.javaVersion(), environment.dl4jVersion(), environment.os(), environment.cpu(),
                environment.gitCommit(), environment.gitDirty() ? " (dirty)" : ""));
        s.append("# vs layers: speed-up over the same model on MultiLayerNetwork's layers (<kind>.layers) of the "
                + "composed engine (<kind>, the default: ND4J's general ops) and of the fused one (<kind>.fused: "
                + "libnd4j's LSTM cell ops)\n");
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"model", "task", "T", "inputs", "batch", "params", "seq/s", "[min, max]",
            "seq-steps/s", "[min, max]", "us/step", "vs layers", "protocol"});
        for (BenchResult r : results) {
            Double speedup = speedupOverLayers(r);
            cells.add(new String[] {r.name(), r.task().kind(), Integer.toString(r.task().T()),
                Integer.toString(r.task().inputs()), Integer.toString(r.batch()), Long.toString(r.parameters()),
                Stats.rate(r.medianSequencesPerSecond()),
                "[" + Stats.rate(Stats.min(r.sequencesPerSecond())) + ", "
                        + Stats.rate(Stats.max(r.sequencesPerSecond())) + "]",
                Stats.rate(r.medianSeqStepsPerSecond()),
                "[" + Stats.rate(Stats.min(r.seqStepsPerSecond())) + ", "
                        + Stats.rate(Stats.max(r.seqStepsPerSecond())) + "]",
                Stats.rate(r.microsPerSeqStep()),
                speedup == null ? "" : String.format(Locale.ROOT, "%.1fx", speedup),
                r.protocol()});
        }
        s.append(align(cells));
        for (String k : skipped) {
            s.append("# skipped ").append(k).append('\n');
        }
        return s.toString();
    }

    /** Aligns columns: the first two and the last (names, task, protocol) to the left, the numbers to the right. */
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
                boolean left = i <= 1 || i == columns - 1;
                line.append(left ? row[i] + pad : pad + row[i]);
                if (i < columns - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** The JSON array. */
    public String json() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (BenchResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", r.name());
            m.put("engine", r.engine());
            m.put("protocol", r.protocol());
            m.put("task", r.task().kind());
            m.put("T", r.task().T());
            m.put("inputs", r.task().inputs());
            m.put("batch", r.batch());
            m.put("parameters", r.parameters());
            m.put("repetitions", r.repetitions());
            m.put("sequencesPerRepetition", r.sequencesPerRepetition());
            m.put("sequencesPerSecond", r.medianSequencesPerSecond());
            m.put("sequencesPerSecondMin", Stats.min(r.sequencesPerSecond()));
            m.put("sequencesPerSecondMax", Stats.max(r.sequencesPerSecond()));
            m.put("seqStepsPerSecond", r.medianSeqStepsPerSecond());
            m.put("seqStepsPerSecondMin", Stats.min(r.seqStepsPerSecond()));
            m.put("seqStepsPerSecondMax", Stats.max(r.seqStepsPerSecond()));
            m.put("microsPerSeqStep", r.microsPerSeqStep());
            m.put("speedupOverLayers", speedupOverLayers(r));
            m.put("seqStepsPerCpuSecond", r.medianSeqStepsPerCpuSecond());
            m.put("cpuSpeedupOverLayers", cpuSpeedupOverLayers(r));
            m.put("threads", threads);
            m.put("java", environment.javaVersion());
            m.put("dl4j", environment.dl4jVersion());
            m.put("cpu", environment.cpu());
            m.put("gitCommit", environment.gitCommit());
            m.put("gitDirty", environment.gitDirty());
            list.add(m);
        }
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the benchmark as JSON", e);
        }
    }
}
