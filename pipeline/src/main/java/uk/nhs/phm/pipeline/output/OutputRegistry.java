package uk.nhs.phm.pipeline.output;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An ordered set of output tables, unique by path; the standard one is {@link OutputTables#REGISTRY}. */
public final class OutputRegistry implements Serializable {
    private final Map<String, OutputTable> byPath;

    private OutputRegistry(Map<String, OutputTable> byPath) {
        this.byPath = Collections.unmodifiableMap(byPath);
    }

    public static OutputRegistry of(List<OutputTable> tables) {
        Map<String, OutputTable> m = new LinkedHashMap<>();
        for (OutputTable t : tables) {
            if (m.put(t.path(), t) != null) {
                throw new IllegalArgumentException("Output table " + t.path() + " is registered twice");
            }
        }
        return new OutputRegistry(m);
    }

    /** This registry plus more tables (a later capability, or a test's throwaway table). */
    public OutputRegistry with(OutputTable... more) {
        List<OutputTable> all = new ArrayList<>(byPath.values());
        all.addAll(List.of(more));
        return of(all);
    }

    public List<OutputTable> tables() {
        return List.copyOf(byPath.values());
    }

    public boolean contains(OutputTable t) {
        return byPath.get(t.path()) == t;
    }
}
