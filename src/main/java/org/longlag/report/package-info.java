/**
 * The result store (append-only JSON lines) and everything computed from it alone: the Markdown
 * tables beside the paper's numbers, and figures.
 */
package org.longlag.report;
