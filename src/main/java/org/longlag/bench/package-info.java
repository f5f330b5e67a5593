/**
 * Training-throughput measurement behind {@code longlag bench}: the benchmark rows
 * ({@link org.longlag.bench.BenchCase}) on their tasks ({@link org.longlag.bench.BenchTask}), the
 * timing method ({@link org.longlag.bench.Benchmark}) and the table and JSON reports
 * ({@link org.longlag.bench.BenchReport}). The command in {@code cli} only parses options and
 * prints.
 */
package org.longlag.bench;
