package uk.nhs.phm.pipeline.reference;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.CsvTable;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists.Condition;

/**
 * The Cambridge Multimorbidity Score (Payne et al., CMAJ 2020, general-outcome weights): its conditions and
 * weights (conf/codelists/cmms_conditions.csv) and the rules that find each condition (cmms_codes.csv). Small,
 * held on the driver; {@link #score} is the one place a person's rule hits become a score.
 */
public final class CambridgeMultimorbidity implements Serializable {
    public static final List<String> CONDITION_COLUMNS = List.of("condition", "label", "weight", "combine");
    public static final List<String> RULE_COLUMNS =
            List.of("condition", "rule", "code_system", "code", "match", "window_months", "min_issues", "source");

    /** A GP event with the code, up to T (within window_months when given). */
    public static final String CODE = "code";
    /** At least min_issues medication issues with the code (BNF prefix) in (T − window_months, T]. */
    public static final String PRESCRIPTIONS = "prescriptions";
    /** The project's condition flag {@code cond_<code>} (a QOF register the project computes). */
    public static final String CONDITION_FLAG = "condition_flag";
    public static final List<String> RULES = List.of(CODE, PRESCRIPTIONS, CONDITION_FLAG);
    private static final Map<String, List<String>> SYSTEMS = Map.of(CODE, List.of("snomed", "read2", "ctv3"),
            PRESCRIPTIONS, List.of("bnf", "dmd", "snomed"), CONDITION_FLAG, List.of("phm_condition"));

    /** One condition: present when any of its kinds of rule holds ({@code any}) or every kind does ({@code all}). */
    public static final class CmmsCondition implements Serializable {
        public final String name;
        public final BigDecimal weight;
        public final boolean needsAllRules;

        CmmsCondition(String name, BigDecimal weight, boolean needsAllRules) {
            this.name = name;
            this.weight = weight;
            this.needsAllRules = needsAllRules;
        }
    }

    /** One rule line; windowMonths null = ever up to T, minIssues null except for prescriptions. */
    public static final class Rule implements Serializable {
        public final String condition;
        public final String rule;
        public final String codeSystem;
        public final String code;
        public final boolean prefix;
        public final Integer windowMonths;
        public final Integer minIssues;

        public Rule(String condition, String rule, String codeSystem, String code, boolean prefix, Integer windowMonths,
                    Integer minIssues) {
            this.condition = condition;
            this.rule = rule;
            this.codeSystem = codeSystem;
            this.code = code;
            this.prefix = prefix;
            this.windowMonths = windowMonths;
            this.minIssues = minIssues;
        }
    }

    public final Map<String, CmmsCondition> conditions;
    public final List<Rule> rules;
    /** condition → the kinds of rule it has, for the {@code all} combination. */
    private final Map<String, Set<String>> ruleKinds = new LinkedHashMap<>();

    public CambridgeMultimorbidity(Collection<CmmsCondition> conditions, List<Rule> rules) {
        Map<String, CmmsCondition> byName = new LinkedHashMap<>();
        conditions.forEach(c -> byName.put(c.name, c));
        this.conditions = byName;
        this.rules = List.copyOf(rules);
        for (Rule r : rules) {
            ruleKinds.computeIfAbsent(r.condition, k -> new LinkedHashSet<>()).add(r.rule);
        }
    }

    /** Between condition and rule in a hit (condition names are lower case letters, digits and underscores). */
    public static final String HIT_SEPARATOR = "|";

    /** The hit of a rule kind for a condition, as {@link #score} reads it: {@code condition|rule}. */
    public static String hit(String condition, String rule) {
        return condition + HIT_SEPARATOR + rule;
    }

    /**
     * The score of a person's rule hits ({@link #hit}): the sum of the weights of the conditions present, summed
     * exactly in decimal (the weights have two decimals) so that equal sets give equal, unrounded-looking sums.
     */
    public double score(Collection<String> hits) {
        Set<String> h = new HashSet<>(hits);
        BigDecimal sum = BigDecimal.ZERO;
        for (CmmsCondition c : conditions.values()) {
            Set<String> kinds = ruleKinds.getOrDefault(c.name, Set.of());
            long held = kinds.stream().filter(k -> h.contains(hit(c.name, k))).count();
            boolean present = c.needsAllRules ? held > 0 && held == kinds.size() : held > 0;
            if (present) {
                sum = sum.add(c.weight);
            }
        }
        return sum.doubleValue();
    }

    /**
     * The conditions and rules, checked against each other and against the project's conditions (a flag rule
     * must name one). Errors name the file, the line and the fix.
     */
    public static CambridgeMultimorbidity parse(CsvTable conditionsFile, CsvTable rulesFile, List<Condition> projectConditions) {
        conditionsFile.requireColumns(CONDITION_COLUMNS);
        Map<String, CmmsCondition> conditions = new LinkedHashMap<>();
        for (CsvTable.Record r : conditionsFile.records) {
            String name = r.get("condition");
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw new PhmUserException(conditionsFile.at(r) + ": condition '" + name + "' must be lower case letters, "
                        + "digits and underscores.");
            }
            if (conditions.containsKey(name)) {
                throw new PhmUserException(conditionsFile.at(r) + ": condition '" + name + "' is listed twice; keep one line.");
            }
            BigDecimal weight;
            try {
                weight = new BigDecimal(r.get("weight"));
            } catch (NumberFormatException e) {
                throw new PhmUserException(conditionsFile.at(r) + ": column 'weight' is '" + r.get("weight")
                        + "'; give the condition's weight as a number, e.g. 0.47.");
            }
            String combine = r.get("combine");
            if (!combine.equals("any") && !combine.equals("all")) {
                throw new PhmUserException(conditionsFile.at(r) + ": column 'combine' is '" + combine + "'; write any "
                        + "(one kind of rule is enough) or all (every kind of rule of the condition must hold).");
            }
            conditions.put(name, new CmmsCondition(name, weight, combine.equals("all")));
        }

        rulesFile.requireColumns(RULE_COLUMNS);
        Set<String> projectNames = new HashSet<>();
        projectConditions.forEach(c -> projectNames.add(c.name));
        List<Rule> rules = new ArrayList<>();
        Map<String, String> prescriptionTerms = new LinkedHashMap<>();
        for (CsvTable.Record r : rulesFile.records) {
            String where = rulesFile.at(r);
            String condition = r.get("condition");
            if (!conditions.containsKey(condition)) {
                throw new PhmUserException(where + ": condition '" + condition + "' is not in " + conditionsFile.source
                        + "; use one of its conditions or add it there with its weight.");
            }
            String rule = r.get("rule");
            if (!RULES.contains(rule)) {
                throw new PhmUserException(where + ": rule '" + rule + "' is not one of " + RULES + ".");
            }
            String system = r.get("code_system");
            if (!SYSTEMS.get(rule).contains(system)) {
                throw new PhmUserException(where + ": a " + rule + " rule's code_system must be one of "
                        + SYSTEMS.get(rule) + ", not '" + system + "'.");
            }
            String code = r.get("code");
            if (code.isEmpty()) {
                throw new PhmUserException(where + ": column 'code' is empty; give the code (or, for a prefix rule, the "
                        + "prefix) or delete the line.");
            }
            String match = r.get("match");
            if (!match.equals("exact") && !match.equals("prefix")) {
                throw new PhmUserException(where + ": column 'match' is '" + match + "'; write exact or prefix.");
            }
            if (rule.equals(CONDITION_FLAG) && !projectNames.contains(code)) {
                throw new PhmUserException(where + ": '" + code + "' is not a condition of codelists.conditions; name one "
                        + "of " + new java.util.TreeSet<>(projectNames) + ".");
            }
            Integer window = positiveOrNull(r, "window_months", where);
            Integer minIssues = positiveOrNull(r, "min_issues", where);
            if (rule.equals(PRESCRIPTIONS)) {
                if (window == null || minIssues == null) {
                    throw new PhmUserException(where + ": a prescriptions rule needs window_months and min_issues (Payne "
                            + "2020: 12 and 4).");
                }
                String terms = window + "/" + minIssues;
                String before = prescriptionTerms.putIfAbsent(condition, terms);
                if (before != null && !before.equals(terms)) {
                    throw new PhmUserException(where + ": condition '" + condition + "' has prescriptions rules with "
                            + "different window_months/min_issues (" + before + " and " + terms + "); its issues are "
                            + "counted together, so give them one window and one minimum.");
                }
            } else if (minIssues != null) {
                throw new PhmUserException(where + ": min_issues is only for prescriptions rules; clear the cell.");
            }
            rules.add(new Rule(condition, rule, system, code, match.equals("prefix"), window, minIssues));
        }
        Set<String> withRules = new HashSet<>();
        rules.forEach(r -> withRules.add(r.condition));
        for (String c : conditions.keySet()) {
            if (!withRules.contains(c)) {
                throw new PhmUserException(rulesFile.source + ": condition '" + c + "' of " + conditionsFile.source
                        + " has no rule, so it could never count; add its codes, prescriptions or flag.");
            }
        }
        return new CambridgeMultimorbidity(conditions.values(), rules);
    }

    private static Integer positiveOrNull(CsvTable.Record r, String column, String where) {
        String v = r.get(column);
        if (v.isEmpty()) {
            return null;
        }
        try {
            int i = Integer.parseInt(v);
            if (i >= 1) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PhmUserException(where + ": column '" + column + "' is '" + v + "'; give a whole number of 1 or more, "
                + "or leave it empty.");
    }
}
