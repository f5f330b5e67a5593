package org.longlag.report;

/**
 * Whether one experiment row reproduces the paper: the verdict on {@code lstm1997} (or the reading
 * of it the row's file adopts) against the paper's LSTM line, and the mirror verdict on {@code rnn1997} against what the paper says of
 * RTRL/BPTT. {@link Verdicts} says how both are reached.
 *
 * @param row row id
 * @param model the model judged: {@code lstm1997}, or the reading of it the row's file adopts
 * @param trials trials of the judged line (0 when not run)
 * @param solved of those, trials that met the stopping rule
 * @param meanSequences mean sequences to success over solved trials; {@code null} when none solved
 * @param paperSequences the paper's mean sequences to success; {@code null} when it gives none
 * @param ratio {@code meanSequences / paperSequences}; {@code null} when either is missing
 * @param verdict the verdict on the judged line
 * @param reason why, in a few words
 * @param mirror the verdict on {@code rnn1997}
 * @param mirrorReason why, in a few words
 */
public record RowVerdict(String row, String model, int trials, int solved, Double meanSequences, Double paperSequences,
        Double ratio, Verdict verdict, String reason, Mirror mirror, String mirrorReason) {

    /** The reading judged ({@code linear-output}), or null when the row is judged on {@code lstm1997} itself. */
    public String reading() {
        return Verdicts.reading(model);
    }

    /** The verdict on the paper's LSTM. */
    public enum Verdict {
        REPRODUCED("reproduced", "reproduced"),
        SLOWER("reproduced, slower than 3x", "slower than 3x"),
        NOT_REPRODUCED("not reproduced", "not reproduced"),
        /** Trials were run, but the paper reports no LSTM figure for the row (Exp. 2a at p = 4 and 10). */
        NO_PAPER_FIGURE("no paper LSTM figure", "no paper figure"),
        NOT_RUN("not run", "not run");

        private final String label;
        private final String shortLabel;

        Verdict(String label, String shortLabel) {
            this.label = label;
            this.shortLabel = shortLabel;
        }

        /** The words printed in the tables. */
        public String label() {
            return label;
        }

        /** The words a figure prints beside a row, where there is room for little. */
        public String shortLabel() {
            return shortLabel;
        }
    }

    /** The verdict on the paper's gradient baseline. */
    public enum Mirror {
        AGREES("agrees"),
        DISAGREES("disagrees"),
        NOT_RUN("not run");

        private final String label;

        Mirror(String label) {
            this.label = label;
        }

        /** The words printed in the tables. */
        public String label() {
            return label;
        }
    }
}
