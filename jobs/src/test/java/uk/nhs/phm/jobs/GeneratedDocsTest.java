package uk.nhs.phm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.config.Setting;
import uk.nhs.phm.pipeline.output.DataDictionary;
import uk.nhs.phm.pipeline.output.OutputColumn;
import uk.nhs.phm.pipeline.output.OutputTable;
import uk.nhs.phm.pipeline.output.OutputTables;

/**
 * The documents generated from declarations in code are exactly what the code declares: the data dictionary
 * (from the output registry), conf/phm-defaults.properties and the README's configuration table (from the
 * settings). To regenerate them after changing a declaration, run
 * {@code mvn -B -pl jobs -am test -Dtest=GeneratedDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dphm.regenerate=true}.
 */
class GeneratedDocsTest {
    private static final boolean REGENERATE = Boolean.getBoolean("phm.regenerate");

    private static void check(Path file, String expected, String what) throws Exception {
        String actual = Files.readString(file);
        if (REGENERATE && !actual.equals(expected)) {
            Files.writeString(file, expected);
            actual = expected;
        }
        assertEquals(expected, actual, file + " is generated from " + what + "; regenerate it (see this test's comment)");
    }

    @Test
    void dataDictionaryIsTheRegistry() throws Exception {
        Path file = CliRun.HOME.resolve("docs/data-dictionary.md");
        check(file, DataDictionary.render(Files.readString(file), OutputTables.REGISTRY), "OutputTables.REGISTRY");
        for (OutputTable t : OutputTables.REGISTRY.tables()) {
            assertFalse(t.grain.isBlank(), t.path());
            for (OutputColumn c : t.columns) {
                assertFalse(c.meaning.isBlank(), t.path() + "." + c.name + " has no meaning");
            }
        }
    }

    @Test
    void defaultsFileAndReadmeTableAreTheSettings() throws Exception {
        check(CliRun.HOME.resolve("conf/phm-defaults.properties"), PhmSettings.propertiesFile(), "PhmSettings");
        Path readme = CliRun.HOME.resolve("README.md");
        String text = Files.readString(readme);
        String begin = "<!-- BEGIN GENERATED settings table -->\n";
        String end = "<!-- END GENERATED settings table -->";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        assertTrue(b >= 0 && e > b, "README.md needs the settings-table markers");
        check(readme, text.substring(0, b + begin.length()) + PhmSettings.markdownTable() + text.substring(e),
                "PhmSettings.markdownTable()");
        text = Files.readString(readme);
        // Long lines of the help wrap at the terminal width: compare with runs of white space as one space.
        String help = CliRun.phm("run", "--help").out.replaceAll("[ \t]+", " ");
        for (Setting<?> s : PhmSettings.ALL) {
            assertFalse(s.description.isBlank(), s.key);
            assertTrue(text.contains("`" + s.key + "`"), "README documents " + s.key);
            assertTrue(help.contains(" " + s.key + "=" + s.defaultText + "\n")
                            && help.replace("\n", " ").replaceAll(" +", " ").contains(s.description),
                    "run --help lists " + s.key);
        }
    }
}
