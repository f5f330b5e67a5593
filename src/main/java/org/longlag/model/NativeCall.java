package org.longlag.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One of libnd4j's own ops ({@code matmul}, {@code multiply}, {@code tanh}, ...) called through a
 * native op context that is reused: only the arrays change from call to call.
 *
 * <p>Why: at the sizes of one time step (a few thousand elements) the fixed cost of an op call
 * matters. Measured on [128, 64] floats: about 2.5 microseconds through a reused context, 6 to 12
 * through a new op object ({@code Nd4j.exec(new MulOp(...))}), and 80 through
 * {@code INDArray.muli}, which also checks for broadcasting.
 *
 * <p>But a context is not reused forever: in 1.0.0-M2.1 it keeps a native handle for every array
 * set on it until the context itself is deleted (measured: about 300 bytes a call, growing
 * without bound, and a handle can keep its array's memory alive). So the context is replaced
 * every {@value #CALLS_PER_CONTEXT} calls, and {@link #release} frees it at the end of a pass.
 */
final class NativeCall {
    /** Calls after which the context is replaced (a few hundred kilobytes of handles at most). */
    static final int CALLS_PER_CONTEXT = 1024;

    private final DynamicCustomOp op;
    private final long[] integers;
    private final double[] floats;
    /** Null until the first call after {@link #release}. */
    private OpContext context;
    private int calls;

    private NativeCall(String name, long[] integers, double[] floats) {
        this.op = DynamicCustomOp.builder(name).build();
        this.integers = integers;
        this.floats = floats;
    }

    private OpContext newContext() {
        OpContext c = Nd4j.getExecutioner().buildContext();
        if (integers.length > 0) {
            c.setIArguments(integers);
        }
        if (floats.length > 0) {
            c.setTArguments(floats);
        }
        return c;
    }

    /** An op without arguments, such as {@code multiply}, {@code add}, {@code subtract}, {@code tanh}. */
    static NativeCall of(String name) {
        return new NativeCall(name, new long[0], new double[0]);
    }

    /** {@code permute} with the given axis order. */
    static NativeCall permute(long... axes) {
        return new NativeCall("permute", axes, new double[0]);
    }

    /**
     * {@code matmul}: {@code out = op(a) op(b) + beta out}, op transposing where asked.
     * {@code beta} 1 accumulates into {@code out}, 0 overwrites it.
     */
    static NativeCall matmul(boolean transposeA, boolean transposeB, double beta) {
        return new NativeCall("matmul", new long[] {transposeA ? 1 : 0, transposeB ? 1 : 0, 0},
                new double[] {1.0, beta});
    }

    /** {@code axpy}: {@code out = x + a y} for the inputs {@code (x, y)}. */
    static NativeCall axpy(double a) {
        return new NativeCall("axpy", new long[0], new double[] {a});
    }

    /** Runs the op on {@code inputs}, writing {@code out} (which may be one of the inputs). */
    void run(INDArray out, INDArray... inputs) {
        if (context == null || ++calls > CALLS_PER_CONTEXT) {
            release();
            context = newContext();
            calls = 1;
        }
        for (int i = 0; i < inputs.length; i++) {
            context.setInputArray(i, inputs[i]);
        }
        context.setOutputArray(0, out);
        Nd4j.getExecutioner().exec(op, context);
    }

    /** Frees the context and the handles it holds; the next call builds a new one. */
    void release() {
        if (context == null) {
            return;
        }
        try {
            context.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot free the op context of " + op.opName(), e);
        }
        context = null;
    }
}
