package uk.nhs.phm.pipeline.segment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.CsvTable;

/**
 * One rule of conf/segment_rules.csv: a Spark SQL boolean condition over the person features that, when
 * it is the first to hold in priority order, puts the person in {@code segment} with reason
 * {@code segment:ruleId}. {@code subSegment} is an optional SQL expression; blank means the rule id.
 */
public final class SegmentRule implements Serializable {
    public static final List<String> COLUMNS = List.of("priority", "segment", "rule_id", "condition", "sub_segment");

    public final int priority;
    public final String segment;
    public final String ruleId;
    public final String condition;
    public final String subSegment;

    public SegmentRule(int priority, String segment, String ruleId, String condition, String subSegment) {
        this.priority = priority;
        this.segment = segment;
        this.ruleId = ruleId;
        this.condition = condition;
        this.subSegment = subSegment == null || subSegment.isBlank() ? null : subSegment;
    }

    public String reason() {
        return segment + ":" + ruleId;
    }

    /** The rules of a segment-rules file; a bad priority is a user error naming the file and line. */
    public static List<SegmentRule> parse(CsvTable file) {
        file.requireColumns(COLUMNS);
        List<SegmentRule> rules = new ArrayList<>();
        for (CsvTable.Record r : file.records) {
            int priority;
            try {
                priority = Integer.parseInt(r.get("priority"));
            } catch (NumberFormatException e) {
                throw new PhmUserException(file.at(r) + ": column 'priority' is '" + r.get("priority")
                        + "'; it must be a whole number (1 = highest priority).");
            }
            rules.add(new SegmentRule(priority, r.get("segment"), r.get("rule_id"), r.get("condition"),
                    r.get("sub_segment")));
        }
        return rules;
    }
}
