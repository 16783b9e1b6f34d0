package dev.glimpse.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimelineScaleTest {

    @Test
    void zoomingKeepsTheFrameUnderTheMouseAndGoesDownToSingleFrames() {
        TimelineScale s = new TimelineScale(18000); // ten minutes at 30 fps
        double width = 1000;
        assertEquals(18000, s.visible());
        assertEquals(9000, s.index(500, width));
        for (int k = 0; k < 40; k++) {
            s.zoom(1.5, 9000);
        }
        assertEquals(TimelineScale.MIN_VISIBLE, s.visible(), "zoomed in as far as it goes");
        assertTrue(s.cell(width) > 50, "a frame is a wide cell");
        int at = s.index(s.x(9000, width) + 1, width);
        assertEquals(9000, at, "the anchor frame stayed under the mouse");
        // every cell maps back to its own frame: clicking picks one exact frame
        for (int i = s.first(); i < s.first() + s.visible(); i++) {
            assertEquals(i, s.index(s.x(i, width) + s.cell(width) / 2, width));
        }
        for (int k = 0; k < 60; k++) {
            s.zoom(1 / 1.5, 9000);
        }
        assertEquals(18000, s.visible());
        assertEquals(0, s.first());
    }

    @Test
    void theWindowFollowsThePlayheadAndStaysInsideTheClip() {
        TimelineScale s = new TimelineScale(100);
        s.zoom(5, 0);
        assertEquals(20, s.visible());
        s.follow(10);
        assertEquals(0, s.first(), "visible already");
        s.follow(30);
        assertTrue(s.first() <= 30 && 30 < s.first() + s.visible());
        s.follow(99);
        assertEquals(80, s.first(), "not past the last frame");
        s.scroll(-1000);
        assertEquals(0, s.first());
        assertEquals(0, s.index(-5, 500));
        TimelineScale tiny = new TimelineScale(5);
        tiny.zoom(10, 2);
        assertEquals(5, tiny.visible(), "a clip shorter than the minimum shows whole");
    }
}
