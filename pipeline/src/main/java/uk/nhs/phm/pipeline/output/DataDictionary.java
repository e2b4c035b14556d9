package uk.nhs.phm.pipeline.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-table part of {@code docs/data-dictionary.md}, generated from an {@link OutputRegistry} so that the
 * documentation cannot drift from the tables the run writes (a test compares the file with this text).
 */
public final class DataDictionary {
    public static final String BEGIN = "<!-- BEGIN GENERATED from OutputTables.REGISTRY: edit the registry, not this text -->";
    public static final String END = "<!-- END GENERATED -->";

    private DataDictionary() {
    }

    /** One section per table (tables sharing a section, such as the quarantine tables, are shown once). */
    public static String tables(OutputRegistry registry) {
        Map<String, OutputTable> sections = new LinkedHashMap<>();
        for (OutputTable t : registry.tables()) {
            sections.putIfAbsent(t.docSection, t);
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, OutputTable> e : sections.entrySet()) {
            OutputTable t = e.getValue();
            boolean shared = !e.getKey().equals(t.path());
            b.append("\n## `").append(e.getKey()).append("`\n\n").append(t.grain).append("\n\n");
            b.append("| column | type | meaning | unit |\n|---|---|---|---|\n");
            List<OutputColumn> cols = t.columns;
            if (shared) {
                b.append("| *each input column* | string | The input table's columns in contract order, as text exactly "
                        + "as read | |\n");
                cols = cols.stream().filter(c -> !c.meaning.equals(OutputTables.INPUT_COLUMN_AS_READ)).toList();
            }
            for (OutputColumn c : cols) {
                b.append("| ").append(c.name).append(" | ").append(c.type.simpleString()).append(" | ")
                        .append(c.meaning).append(" |").append(c.unit.isEmpty() ? "" : " " + c.unit).append(" |\n");
            }
        }
        return b.toString();
    }

    /** The whole file: the hand-written preamble and closing notes kept, the generated tables replaced. */
    public static String render(String currentFile, OutputRegistry registry) {
        int begin = currentFile.indexOf(BEGIN);
        int end = currentFile.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("docs/data-dictionary.md must hold the markers " + BEGIN + " and " + END);
        }
        return currentFile.substring(0, begin + BEGIN.length()) + "\n" + tables(registry) + "\n"
                + currentFile.substring(end);
    }
}
