package dev.glimpse.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the analysis panel says in words, without a window. */
class AnalysisPanelTest {

    @Test
    void theCodersLabelIsSaidInTheModelsClasses() {
        List<String> three = List.of("negative", "positive", "surprise");
        assertEquals(" -> positive", AnalysisPanel.modelClassOf("happiness", three));
        assertEquals(" -> negative", AnalysisPanel.modelClassOf("disgust", three));
        assertEquals("", AnalysisPanel.modelClassOf("surprise", three), "already one of the model's classes");
        assertEquals(" (not one of the model's classes)", AnalysisPanel.modelClassOf("boredom", three));
        assertEquals("", AnalysisPanel.modelClassOf(null, three));
    }

    @Test
    void theHelpSaysWhatTheAnalysisIsNot() {
        assertTrue(AnalysisPanel.WHAT_THIS_IS.contains("not a diagnosis"));
        assertTrue(AnalysisPanel.WHAT_THIS_IS.contains("no neutral class"));
    }
}
