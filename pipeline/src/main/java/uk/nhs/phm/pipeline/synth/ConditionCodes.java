package uk.nhs.phm.pipeline.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The codes the generator writes for each condition, taken from the ICB's condition code lists (so the
 * pipeline finds what it is meant to find), plus the background codes that must match no list.
 */
final class ConditionCodes {
    private final Map<String, List<String>> icd10 = new HashMap<>();
    private final Map<String, List<String>> snomed = new HashMap<>();
    private final Map<String, List<String>> read2 = new HashMap<>();
    /** Consultation codes that are on no condition list. */
    final String[] consultationCodes;
    final String[] frailtyCodes;

    ConditionCodes(GeneratorReference ref) {
        prepare(ref);
        Set<String> listed = ref.allListedCodes();
        consultationCodes = Arrays.stream(ClinicalCatalogue.CONSULTATION_CODES)
                .filter(c -> !listed.contains(c)).toArray(String[]::new);
        frailtyCodes = ClinicalCatalogue.FRAILTY_FINDINGS;
    }

    /** ICD-10 codes (dotted) for a condition, or null where neither the catalogue nor the lists have any. */
    List<String> icd10(String condition) {
        return icd10.get(condition);
    }

    boolean hasIcd10(String condition) {
        return icd10.containsKey(condition);
    }

    List<String> snomed(String condition) {
        return snomed.getOrDefault(condition, List.of());
    }

    List<String> read2(String condition) {
        return read2.getOrDefault(condition, List.of());
    }

    /** Conditions whose codes end another at a lower stage (conf/codelists/conditions.csv resolved_by). */
    private static final Set<String> RESTAGING_LISTS = Set.of("ckd_1_2", "ckd_1_3");

    /** Codes per condition, taken from the code lists; catalogue ICD-10 codes only where the list allows them. */
    private void prepare(GeneratorReference ref) {
        // A code on two lists (a depression code that is also an SMI code, a CKD G4 code that is also
        // CKD 4-5) would give the person both conditions: prefer codes unique to the condition.
        // Lists that only re-stage a condition (a later CKD stage 1-3 code ends CKD 4-5) do not count: the
        // generator never writes them, so a stage 3 code stays a CKD 3-5 code here.
        Map<String, Integer> listsPerCode = new HashMap<>();
        ref.conditionCodes.forEach((condition, l) -> {
            if (!RESTAGING_LISTS.contains(condition)) {
                l.forEach(c -> listsPerCode.merge(c.system + ":" + c.code, 1, Integer::sum));
            }
        });
        for (Map.Entry<String, List<GeneratorReference.Code>> e : ref.conditionCodes.entrySet()) {
            snomed.put(e.getKey(), exactCodes(e.getValue(), ContractCodes.SNOMED, listsPerCode));
            read2.put(e.getKey(), exactCodes(e.getValue(), ContractCodes.READ2, listsPerCode));
        }
        Set<String> conditions = new LinkedHashSet<>(ClinicalCatalogue.ICD10_BY_CONDITION.keySet());
        conditions.addAll(ref.conditionCodes.keySet());
        for (String condition : conditions) {
            List<String> prefixes = new ArrayList<>();
            for (GeneratorReference.Code c : ref.conditionCodes.getOrDefault(condition, List.of())) {
                if (c.system.equals("icd10")) {
                    prefixes.add(c.code.replace(".", "").toUpperCase());
                }
            }
            List<String> catalogue = ClinicalCatalogue.ICD10_BY_CONDITION.getOrDefault(condition, List.of());
            List<String> codes = new ArrayList<>();
            for (String code : catalogue) {
                String bare = code.replace(".", "");
                if (prefixes.isEmpty() || prefixes.stream().anyMatch(bare::startsWith)) {
                    codes.add(code);
                }
            }
            if (codes.isEmpty()) {
                for (String p : prefixes) {
                    if (p.length() >= 3) {
                        codes.add(p.length() == 3 ? p + ".9" : p.substring(0, 3) + "." + p.substring(3));
                    }
                }
            }
            if (!codes.isEmpty()) {
                icd10.put(condition, codes);
            }
        }
    }

    private static List<String> exactCodes(List<GeneratorReference.Code> codes, String system,
                                           Map<String, Integer> listsPerCode) {
        List<String> all = new ArrayList<>();
        List<String> unique = new ArrayList<>();
        for (GeneratorReference.Code c : codes) {
            if (c.system.equals(system) && !c.prefix) {
                all.add(c.code);
                if (listsPerCode.getOrDefault(c.system + ":" + c.code, 0) <= 1) {
                    unique.add(c.code);
                }
            }
        }
        return unique.isEmpty() ? all : unique;
    }
}
