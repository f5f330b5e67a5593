package org.longlag.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearningCurveTest {

    @Test
    void pointsAreBlockMeansAndDiagnosticsLineUpWithThem() {
        LearningCurve curve = new LearningCurve(100); // 50 points at most: a point every 2 sequences
        assertEquals(2, curve.every());
        assertFalse(curve.add(1, 0.5));
        assertTrue(curve.add(2, 0.3));
        curve.addDiagnostics(Map.of("a", 1.0));
        assertFalse(curve.add(3, 0.2));
        assertTrue(curve.add(4, 0.0));
        curve.addDiagnostics(Map.of("a", 2.0, "b", 7.0));
        assertEquals(List.of(0.4, 0.1), curve.points().stream().map(v -> Math.round(v * 1e12) / 1e12).toList());
        assertEquals(List.of(1.0, 2.0), curve.diagnostics().get("a"));
        // A series that starts at the second point is padded so index i still means point i.
        assertEquals(Arrays.asList(null, 7.0), curve.diagnostics().get("b"));
    }

    @Test
    void modelsWithoutDiagnosticsLeaveNone() {
        LearningCurve curve = new LearningCurve(10);
        curve.add(1, 0.1);
        curve.addDiagnostics(Map.of());
        assertTrue(curve.diagnostics().isEmpty());
    }
}
