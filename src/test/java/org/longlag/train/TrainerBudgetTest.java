package org.longlag.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.longlag.model.SequenceModel;
import org.longlag.task.AddingTask;
import org.longlag.task.Sequence;
import org.longlag.task.TrialData;

/**
 * The wall-clock budget, on a fake clock: each update of a model that never learns advances the
 * clock by a fixed step, so when training stops depends on the budget alone, not on the machine.
 */
class TrainerBudgetTest {

    private static final long SECOND = 1_000_000_000L;

    /** Outputs 0 at every target step and learns nothing; each update moves {@code clock} on by one step. */
    private static final class NeverLearns implements SequenceModel {
        private final FakeClock clock;
        private int updates;

        NeverLearns(FakeClock clock) {
            this.clock = clock;
        }

        @Override
        public List<double[][]> train(List<Sequence> batch) {
            updates++;
            clock.tick();
            return predict(batch);
        }

        @Override
        public List<double[][]> predict(List<Sequence> sequences) {
            List<double[][]> outputs = new ArrayList<>();
            for (Sequence s : sequences) {
                double[][] out = new double[s.length()][];
                for (int t = 0; t < s.length(); t++) {
                    out[t] = s.hasTarget(t) ? new double[1] : null;
                }
                outputs.add(out);
            }
            return outputs;
        }

        @Override
        public int batchSize() {
            return 4;
        }

        @Override
        public long parameterCount() {
            return 0;
        }
    }

    /** A clock that moves only when told: {@code stepNanos} per tick. */
    private static final class FakeClock implements LongSupplier {
        private final long stepNanos;
        private long now = 123 * SECOND;

        FakeClock(long stepNanos) {
            this.stepNanos = stepNanos;
        }

        void tick() {
            now += stepNanos;
        }

        @Override
        public long getAsLong() {
            return now;
        }
    }

    private static Trainer.Outcome train(NeverLearns model, TrainingBudget budget) {
        AddingTask task = new AddingTask(12);
        TrialData data = task.newTrial(new SplittableRandom(7));
        StoppingRule rule = StoppingRules.create(Map.of("rule", "st3", "beta", 0.01));
        return Trainer.train(model, task, data, rule, budget, 8, (sequences, mse) -> { });
    }

    @Test
    void stopsAtTheFirstUpdateThatEndsPastTheTimeBudget() {
        FakeClock clock = new FakeClock(SECOND);
        NeverLearns model = new NeverLearns(clock);
        Trainer.Outcome outcome = train(model, new TrainingBudget(1_000_000, 3.5, clock));
        assertEquals(4, model.updates, "updates end at 1, 2, 3 and 4 s; the fourth passes 3.5 s");
        assertEquals(16, outcome.sequencesSeen());
        assertEquals(StopReason.SECONDS, outcome.stoppedBy());
        assertFalse(outcome.success());
        assertNull(outcome.sequencesToSuccess());
        assertEquals(8, outcome.test().size(), "a trial stopped by time is still tested");
    }

    @Test
    void theSequenceBudgetBindsWhenItRunsOutFirst() {
        FakeClock clock = new FakeClock(SECOND);
        NeverLearns model = new NeverLearns(clock);
        Trainer.Outcome outcome = train(model, new TrainingBudget(10, 60, clock));
        assertEquals(3, model.updates, "batches of 4, 4 and the last 2");
        assertEquals(10, outcome.sequencesSeen());
        assertEquals(StopReason.SEQUENCES, outcome.stoppedBy());
    }

    @Test
    void withoutATimeBudgetOnlyTheSequencesCount() {
        FakeClock clock = new FakeClock(1000 * SECOND);
        NeverLearns model = new NeverLearns(clock);
        Trainer.Outcome outcome = train(model, new TrainingBudget(12, 0, clock));
        assertEquals(12, outcome.sequencesSeen());
        assertEquals(StopReason.SEQUENCES, outcome.stoppedBy());
        assertEquals("sequences", outcome.stoppedBy().label());
    }

    @Test
    void aBudgetRefusesBadValues() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingBudget(0, 1, System::nanoTime));
        assertThrows(IllegalArgumentException.class, () -> new TrainingBudget(1, -1, System::nanoTime));
        assertThrows(IllegalArgumentException.class, () -> new TrainingBudget(1, Double.NaN, System::nanoTime));
    }
}
