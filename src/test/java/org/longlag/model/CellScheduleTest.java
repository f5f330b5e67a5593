package org.longlag.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.longlag.task.Sequence;
import org.longlag.task.SequenceTask;
import org.longlag.task.Tasks;
import org.longlag.task.TrialData;

/** Exp. 2a's schedule: the cells join only once the cell-less net's error has stopped decreasing. */
class CellScheduleTest {

    @Test
    void cellsStayOutWhileTheErrorFallsAndJoinWithTheirInitialWeightsWhenItStops() {
        // Two outputs, one cell, after a hidden segment of 4 parameters: cell weights at 4 and 6.
        Lstm1997Outputs out = Lstm1997Outputs.after(4, 1, 1, 2, false, true, false);
        double[] p = {9, 9, 9, 9, 0.3, 0.7, -0.2, 0.1};
        CellSchedule schedule = new CellSchedule(out, p, false);
        assertEquals(0.0, p[4]);
        assertEquals(0.0, p[6]);
        double error = 1.0;
        for (int block = 0; block < 3; block++) {
            for (int i = 0; i < CellSchedule.BLOCK; i++) {
                p[4] = 5.0; // an update tried to change the weight: undone
                schedule.afterUpdate(error, p);
            }
            error *= 0.5;
            assertFalse(schedule.added(), "still decreasing after block " + block);
            assertEquals(0.0, p[4]);
        }
        for (int i = 0; i < CellSchedule.BLOCK; i++) {
            schedule.afterUpdate(error / 0.5 * 0.995, p); // only 0.5% below the best block
        }
        assertTrue(schedule.added());
        assertEquals(4L * CellSchedule.BLOCK, schedule.addedAfter());
        assertArrayEquals(new double[] {9, 9, 9, 9, 0.3, 0.7, -0.2, 0.1}, p);
    }

    @Test
    void silentCellsJoinWithOutgoingWeightsZero() {
        Lstm1997Outputs out = Lstm1997Outputs.after(4, 1, 1, 2, false, true, false);
        double[] p = {9, 9, 9, 9, 0.3, 0.7, -0.2, 0.1};
        CellSchedule schedule = new CellSchedule(out, p, true);
        for (int i = 0; i < 2 * CellSchedule.BLOCK; i++) {
            schedule.afterUpdate(1.0, p);
        }
        assertTrue(schedule.added());
        assertArrayEquals(new double[] {9, 9, 9, 9, 0.0, 0.7, 0.0, 0.1}, p);
        p[4] = 0.5; // from now on the cell's weights learn
        schedule.afterUpdate(1.0, p);
        assertEquals(0.5, p[4]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"per-sequence", "per-step"})
    void beforeTheCellsJoinTheHiddenLayerKeepsItsInitialWeights(String update) {
        SequenceTask task = Tasks.create("noise-free", Map.of("p", 4));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("blocks", 1);
        s.put("cellsPerBlock", 1);
        s.put("learningRate", 1.0);
        s.put("outputGates", false);
        s.put("cellInput", "logistic");
        s.put("cellOutput", "identity");
        s.put("biases", Map.of("cells", false, "inputGates", false, "outputGates", false, "outputs", false));
        s.put("recurrent", false);
        s.put("inputToOutput", true);
        s.put("initRange", 0.2);
        s.put("cellsAdded", "on-plateau");
        s.put("update", update);
        Lstm1997OnlineModel model = (Lstm1997OnlineModel) new Lstm1997Kind().create(s, task.inputSize(),
                task.outputSize(), 3);
        int hidden = 2 * task.inputSize(); // cell and input gate, each seeing the inputs only
        double[] before = Arrays.copyOf(model.parameters(), hidden);
        TrialData data = task.newTrial(new SplittableRandom(4));
        for (int i = 0; i < 200; i++) {
            model.train(List.of(data.nextTraining()));
        }
        // per-step: had a step's update let the cells' outgoing weights leave 0, the next steps
        // would send error into the hidden layer and change these weights
        assertArrayEquals(before, Arrays.copyOf(model.parameters(), hidden));
        assertEquals(0.0, model.takeDiagnostics().get("cellsAdded"));
        Sequence probe = data.nextTraining();
        assertEquals(probe.length(), model.predict(List.of(probe)).get(0).length);
    }
}
