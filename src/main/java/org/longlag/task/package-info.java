/**
 * The paper's sequence generators: pure Java, no ND4J. Each task takes its parameters in the
 * constructor, validates them (naming the parameter and the value), draws every random number from
 * the {@link java.util.SplittableRandom} it is handed, and knows its own rule for a correct answer.
 *
 * <table>
 *   <caption>The tasks and their {@link org.longlag.task.Tasks#create} kinds</caption>
 *   <tr><th>Exp.</th><th>class</th><th>kind {parameters}</th><th>in / out</th><th>target steps</th></tr>
 *   <tr><td>1</td><td>{@link org.longlag.task.EmbeddedReberTask}</td><td>reber {}</td>
 *       <td>7 / 7</td><td>every step but the last</td></tr>
 *   <tr><td>2a</td><td>{@link org.longlag.task.NoiseFreeTask}</td><td>noise-free {p}</td>
 *       <td>p+1 / p+1</td><td>every step</td></tr>
 *   <tr><td>2b</td><td>{@link org.longlag.task.NoLocalRegularitiesTask}</td>
 *       <td>no-local-regularities {p}</td><td>p+1 / p+1</td><td>last</td></tr>
 *   <tr><td>2c</td><td>{@link org.longlag.task.VeryLongLagTask}</td><td>very-long-lag {q, p}</td>
 *       <td>p+4 / 2</td><td>last</td></tr>
 *   <tr><td>3a</td><td>{@link org.longlag.task.TwoSequenceTask}</td><td>two-sequence {T, N}</td>
 *       <td>1 / 1</td><td>last</td></tr>
 *   <tr><td>3b</td><td>{@link org.longlag.task.NoisyTwoSequenceTask}</td>
 *       <td>noisy-two-sequence {T, N}</td><td>1 / 1</td><td>last</td></tr>
 *   <tr><td>3c</td><td>{@link org.longlag.task.ContinuousTwoSequenceTask}</td>
 *       <td>continuous-two-sequence {T, N}</td><td>1 / 1</td><td>last</td></tr>
 *   <tr><td>4</td><td>{@link org.longlag.task.AddingTask}</td><td>adding {T}</td>
 *       <td>2 / 1</td><td>last</td></tr>
 *   <tr><td>5</td><td>{@link org.longlag.task.MultiplicationTask}</td><td>multiplication {T}</td>
 *       <td>2 / 1</td><td>last</td></tr>
 *   <tr><td>6a, 6b</td><td>{@link org.longlag.task.TemporalOrderTask}</td>
 *       <td>temporal-order {relevant}</td><td>8 / 4 or 8</td><td>last</td></tr>
 * </table>
 *
 * <p>Conventions common to all: step indices are 0-based (where the paper counts positions from
 * 1, step = position - 1); a symbol that the paper's sequence ends with but that is only ever
 * predicted (2a, 2b, 2c) is a target, not an input step; one-hot rows may be shared between
 * sequences, which is safe because sequences are immutable.
 */
package org.longlag.task;
