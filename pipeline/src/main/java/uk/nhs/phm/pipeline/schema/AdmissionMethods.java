package uk.nhs.phm.pipeline.schema;

import java.util.ArrayList;
import java.util.List;

/** NHS Data Dictionary admission method codes, grouped as the input contract groups them. */
public final class AdmissionMethods {
    public static final List<String> ELECTIVE = List.of("11", "12", "13");
    public static final List<String> EMERGENCY =
            List.of("21", "22", "23", "24", "25", "2A", "2B", "2C", "2D", "28");
    public static final List<String> MATERNITY = List.of("31", "32");
    public static final List<String> OTHER = List.of("81", "82", "83");
    public static final List<String> ALL;

    static {
        List<String> all = new ArrayList<>();
        all.addAll(ELECTIVE);
        all.addAll(EMERGENCY);
        all.addAll(MATERNITY);
        all.addAll(OTHER);
        ALL = List.copyOf(all);
    }

    private AdmissionMethods() {
    }
}
