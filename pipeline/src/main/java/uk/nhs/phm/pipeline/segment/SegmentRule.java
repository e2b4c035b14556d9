package uk.nhs.phm.pipeline.segment;

import java.io.Serializable;

/**
 * One rule of conf/segment_rules.csv: a Spark SQL boolean condition over the person features that, when
 * it is the first to hold in priority order, puts the person in {@code segment} with reason
 * {@code segment:ruleId}. {@code subSegment} is an optional SQL expression; blank means the rule id.
 */
public final class SegmentRule implements Serializable {
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
}
