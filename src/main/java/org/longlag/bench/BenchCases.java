package org.longlag.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.longlag.experiment.ModelEntry;
import org.longlag.model.Dl4jRecurrentKind;

/**
 * The rows a benchmark runs. Defaults live here, in one place.
 *
 * <p>Every DL4J model ({@code lstm}, {@code rnn}) is measured on each of its three engines, with
 * otherwise equal settings, one after the other in the same run: as its kind (libnd4j's fused
 * LSTM cell ops, the default engine), as {@code <kind>.layers} ({@code MultiLayerNetwork}'s layers,
 * the path before the other two, which the report compares them with) and as
 * {@code <kind>.composed} (ND4J's general ops on preallocated buffers).
 */
public final class BenchCases {
    /** The kinds with several engines. */
    public static final List<String> DL4J_KINDS = List.of("lstm", "rnn");
    /** The engines of a DL4J kind, in output order; the kind's default engine is named as the kind. */
    public static final List<String> ENGINES = List.of("fused", "layers", "composed");
    /** Row names {@code --models} accepts, in output order. */
    public static final List<String> KNOWN_MODELS = List.of("lstm1997", "rnn1997", "lstm.fused", "lstm.layers",
            "lstm", "rnn.fused", "rnn.layers", "rnn");
    /** Batch sizes of the default DL4J rows. */
    static final int[] DEFAULT_BATCHES = {1, 32};

    private BenchCases() {
    }

    /**
     * The default rows on the adding task at length {@code T}: the paper's two networks on-line,
     * and small DL4J models (4-unit LSTM, 8-unit SimpleRnn: about as many weights as the paper's
     * networks) with plain SGD at batch 1 and 32, on every engine.
     */
    public static List<BenchCase> adding(int T) {
        BenchTask task = BenchTask.adding(T);
        List<BenchCase> cases = new ArrayList<>();
        // Exp. 4's net: 2 blocks of 2 cells, 93 weights, input-gate biases -3 and -6, alpha 0.5.
        cases.add(new BenchCase("lstm1997", "lstm1997", Map.of("blocks", 2, "cellsPerBlock", 2, "learningRate", 0.5,
                "inputGateBias", List.of(-3.0, -6.0)), task));
        cases.add(new BenchCase("rnn1997", "rnn1997", Map.of("hidden", 8, "learningRate", 0.5), task));
        for (String kind : DL4J_KINDS) {
            int hidden = kind.equals("lstm") ? 4 : 8;
            for (int batch : DEFAULT_BATCHES) {
                cases.addAll(allEngines(kind,
                        Map.of("hidden", hidden, "batch", batch, "optimizer", "sgd", "learningRate", 0.1), task));
            }
        }
        return cases;
    }

    /** An experiment file's DL4J models (e.g. those of {@code --row}) on {@code task}, on every engine. */
    public static List<BenchCase> fromFile(List<ModelEntry> models, BenchTask task) {
        List<BenchCase> cases = new ArrayList<>();
        for (ModelEntry m : models) {
            if (DL4J_KINDS.contains(m.kind())) {
                cases.addAll(allEngines(m.kind(), m.settings(), task));
            }
        }
        return cases;
    }

    /**
     * Rows for the per-step cost against input width: the DL4J models as Exp. 2c's file sets them
     * (16-unit LSTM, 33-unit SimpleRnn, batch 32, Adam) on one-hot inputs of each width, every engine.
     */
    public static List<BenchCase> widths(List<Integer> widths, int T) {
        List<BenchCase> cases = new ArrayList<>();
        for (int width : widths) {
            BenchTask task = BenchTask.oneHot(width, T);
            cases.addAll(allEngines("lstm",
                    Map.of("hidden", 16, "batch", 32, "optimizer", "adam", "learningRate", 0.01), task));
            cases.addAll(allEngines("rnn",
                    Map.of("hidden", 33, "batch", 32, "optimizer", "adam", "learningRate", 0.001), task));
        }
        return cases;
    }

    /**
     * The model on each engine of {@link #ENGINES}: on the default engine named as its kind, on the
     * others as {@code <kind>.<engine>} ({@code lstm.fused}, {@code lstm.layers}).
     */
    static List<BenchCase> allEngines(String kind, Map<String, Object> settings, BenchTask task) {
        List<BenchCase> cases = new ArrayList<>();
        for (String engine : ENGINES) {
            String name = engine.equals(Dl4jRecurrentKind.DEFAULT_ENGINE) ? kind : kind + "." + engine;
            cases.add(new BenchCase(name, kind, Dl4jRecurrentKind.onEngine(settings, engine), task));
        }
        return cases;
    }
}
