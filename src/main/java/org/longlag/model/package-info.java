/**
 * Model specifications turned into DL4J networks, and the {@link org.longlag.model.SequenceModel}
 * view of a network that the trainer drives. Custom DL4J layers live in {@code model.layer}.
 *
 * <p>Kind {@code lstm1997} ({@link org.longlag.model.Lstm1997Kind}) is the paper's LSTM: settings
 * in {@link org.longlag.model.Lstm1997Settings}, the on-line protocol in
 * {@link org.longlag.model.Lstm1997OnlineModel}, which keeps a DL4J network for configuration and
 * serialisation but trains through the layer's plain-Java kernel.
 */
package org.longlag.model;
