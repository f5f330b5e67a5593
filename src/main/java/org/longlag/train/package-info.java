/**
 * Training protocols (the paper's on-line SGD, minibatch), the paper's stopping rules, and the
 * evaluation of a trained network on fresh test sets.
 */
package org.longlag.train;
