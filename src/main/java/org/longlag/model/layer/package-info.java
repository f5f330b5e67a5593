/**
 * Custom DL4J layers. {@link org.longlag.model.layer.Lstm1997} is the configuration of the
 * paper's LSTM layer, {@link org.longlag.model.layer.Lstm1997Layer} its DL4J implementation,
 * {@link org.longlag.model.layer.Lstm1997ParamInitializer} its parameters, and
 * {@link org.longlag.model.layer.Lstm1997Kernel} the plain-Java arithmetic both the layer and
 * the fast on-line trainer run on.
 */
package org.longlag.model.layer;
