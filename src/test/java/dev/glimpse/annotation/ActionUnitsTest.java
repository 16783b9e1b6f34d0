package dev.glimpse.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The notations in use, read by one parser and written back in FACS order without loss. */
class ActionUnitsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "AU6B + AU12C             | AU6B + AU12C    | 6B+12C",
        " au6b + AU12C, l14       | AU6B + AU12C + AUL14 | 6B+12C+L14",
        "6+12                     | AU6 + AU12      | 6+12",
        "4+7+L10                  | AU4 + AU7 + AUL10 | 4+7+L10",
        "R12                      | AUR12           | R12",
        "L10                      | AUL10           | L10",
        "01                       | AU1             | 1",
        "12                       | AU12            | 12",
        "AU 12 + AU 6             | AU6 + AU12      | 6+12",
        "1+R2+25                  | AU1 + AUR2 + AU25 | 1+R2+25",
        "12C;6B                   | AU6B + AU12C    | 6B+12C",
        "L2+26+38                 | AUL2 + AU26 + AU38 | L2+26+38"})
    void readsEveryNotationAndWritesItInFacsOrder(String text, String coder, String sheet) {
        List<ActionUnit> units = ActionUnits.parse(text);
        assertEquals(coder.trim(), ActionUnits.format(units));
        assertEquals(sheet.trim(), ActionUnits.formatSheet(units));
        assertEquals(units, ActionUnits.parse(ActionUnits.format(units)), "the coder's notation reads back");
        assertEquals(units, ActionUnits.parse(ActionUnits.formatSheet(units)), "the sheet notation reads back");
    }

    @Test
    void sortsNumericallyNotAsText() {
        assertEquals(List.of("6", "12", "L12", "R12", "25"),
                ActionUnits.parse("25 + R12 + 12 + L12 + 6").stream().map(ActionUnit::unit).toList());
    }

    @Test
    void refusesWhatIsNotAnActionUnitNamingIt() {
        for (String[] bad : new String[][] {{"AU12F", "'AU12F' is not an action unit"}, {"AU6 + AU6B", "AU6 is there twice"},
            {"smile", "'smile' is not an action unit"}, {"0", "'0' is not an action unit"}, {"123", "'123'"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ActionUnits.parse(bad[0]));
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
        assertEquals(List.of(), ActionUnits.parse("   "));
        assertEquals(List.of(), ActionUnits.parse(null));
        assertThrows(IllegalArgumentException.class, () -> ActionUnits.parse("1+".repeat(600)));
    }

    @Test
    void eventsKeepTheRuleOfTheirFramesInOnePlace() {
        assertThrows(IllegalArgumentException.class, () -> new Event(0, 1, 10, 10, 20, null, null, null, List.of(), null, ""));
        assertThrows(IllegalArgumentException.class, () -> new Event(0, 1, 10, 21, 20, null, null, null, List.of(), null, ""));
        assertThrows(IllegalArgumentException.class, () -> new Event(0, 1, 10, 12, 20, null, null, null, List.of(), 1.5, ""));
        Event e = new Event(0, 1, 10, 20, 20, "A", null, null, ActionUnits.parse("12+6"), null, null);
        assertEquals("", e.notes());
        assertEquals(List.of(new ActionUnit("6", null), new ActionUnit("12", null)), e.actionUnits());
        assertEquals(null, Intervals.problemAllowingApexAtOnset(10, 10, 20), "a dataset row may have its apex at the onset");
        assertTrue(Intervals.problemAllowingApexAtOnset(10, 10, 10) != null);
    }
}
