/**
 * The paper's sequence generators: pure Java, no ND4J. Each task takes its parameters in the
 * constructor, validates them (naming the parameter and the value), draws every random number from
 * the {@link java.util.SplittableRandom} it is handed, and knows its own rule for a correct answer.
 */
package org.longlag.task;
