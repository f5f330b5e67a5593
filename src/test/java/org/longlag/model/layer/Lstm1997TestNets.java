package org.longlag.model.layer;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossL2;

/** Small networks and data shared by the layer tests. */
final class Lstm1997TestNets {

    private Lstm1997TestNets() {
    }

    /** An Lstm1997 layer followed by a sigmoid RnnOutputLayer with L2 loss, in double precision. */
    static MultiLayerNetwork network(Lstm1997.Builder layer, int nOut, boolean outputBias, IUpdater updater,
            long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .updater(updater == null ? new NoOp() : updater)
                .list()
                .layer(layer.build())
                .layer(new RnnOutputLayer.Builder(new LossL2())
                        .activation(Activation.SIGMOID)
                        .weightInit(new UniformDistribution(-0.5, 0.5))
                        .hasBias(outputBias)
                        .nOut(nOut)
                        .build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.recurrent(
                        ((Lstm1997) layer.build()).getNIn()))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // Spread every parameter (biases included) so that no gradient is trivially zero.
        SplittableRandom rng = new SplittableRandom(seed);
        INDArray p = net.params();
        for (long i = 0; i < p.length(); i++) {
            p.putScalar(i, rng.nextDouble(-0.8, 0.8));
        }
        return net;
    }

    static INDArray random(SplittableRandom rng, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, rng.nextDouble(-1, 1));
        }
        return a;
    }

    static INDArray uniform01(SplittableRandom rng, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, rng.nextDouble(0.05, 0.95));
        }
        return a;
    }
}
