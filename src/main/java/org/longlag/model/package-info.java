/**
 * Model specifications turned into DL4J networks, and the {@link org.longlag.model.SequenceModel}
 * view of a network that the trainer drives. Custom DL4J layers live in {@code model.layer}.
 */
package org.longlag.model;
