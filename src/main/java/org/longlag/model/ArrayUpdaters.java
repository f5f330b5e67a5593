package org.longlag.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * DL4J's updater applied array by array, as the engines that hold their own parameter arrays
 * ({@link FusedCellModel}, {@link ComposedRecurrentModel}) train: one {@link GradientUpdater} per
 * trainable array (Adam, RMSProp and SGD are element-wise, so this equals the layer network's single
 * flattened updater), each gradient clipped element-wise first when a threshold is set.
 */
final class ArrayUpdaters {
    /** The trainable arrays (live views), in update order. */
    private final Map<String, INDArray> params;
    private final Map<String, GradientUpdater<?>> updaters = new LinkedHashMap<>();
    private final double clip;
    private int iteration;

    /**
     * @param params the trainable arrays by name; updated in place, in this map's order
     * @param clip element-wise gradient clipping threshold, 0 for none
     */
    ArrayUpdaters(Map<String, INDArray> params, IUpdater updater, DataType dataType, double clip) {
        this.params = params;
        this.clip = clip;
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            long stateSize = updater.stateSize(e.getValue().length());
            INDArray state = stateSize == 0 ? null : Nd4j.zeros(dataType, 1, stateSize);
            updaters.put(e.getKey(), updater.instantiate(state, true));
        }
    }

    /** One update from {@code gradients} (by the parameters' names; not modified). */
    void apply(Map<String, INDArray> gradients, FusedCellModel.Pass pass) {
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray gradient = pass.keep(gradients.get(e.getKey()).dup()); // the updater works in place
            if (clip > 0) {
                gradient.assign(pass.keep(Nd4j.exec(new ClipByValue(gradient, -clip, clip))[0]));
            }
            updaters.get(e.getKey()).applyUpdater(gradient, iteration, 0);
            e.getValue().subi(gradient);
        }
        iteration++;
    }

    /** The number of trainable parameters. */
    long parameterCount() {
        long n = 0;
        for (INDArray p : params.values()) {
            n += p.length();
        }
        return n;
    }
}
