package uk.nhs.phm.pipeline.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The primary diagnosis of a spell: for an emergency, often one of the person's conditions (weighted
 * towards those that drive admissions), else a common acute cause; for an elective, the condition the
 * procedure treats. And ICD-10 as providers send it, dotted or not.
 */
final class SpellDiagnoses {
    /** Keys {@code inpatient.*} about diagnoses (read with {@link InpatientSpells.Rates}). */
    static final class Rates {
        final double conditionPrimaryShare;
        final Weights conditionWeights;
        final double cancerElectiveShare;
        final double xPaddedShare;

        Rates(RatesReader r) {
            conditionPrimaryShare = r.share("inpatient.condition_primary_diagnosis_share_16_plus");
            conditionWeights = r.weights("inpatient.primary_diagnosis_condition_weights",
                    ClinicalCatalogue.ICD10_BY_CONDITION.keySet());
            cancerElectiveShare = r.share("inpatient.cancer_elective_diagnosis_share");
            xPaddedShare = r.share("inpatient.x_padded_share");
        }
    }

    private final ConditionCodes codes;
    private final Rates rates;

    SpellDiagnoses(ConditionCodes codes, Rates rates) {
        this.codes = codes;
        this.rates = rates;
    }

    String emergency(Person p, int day, int age) {
        SplittableRandom r = p.rng;
        if (age >= 16 && r.nextDouble() < rates.conditionPrimaryShare) {
            // The total is summed in the order of the rates file and the draw walks the names alphabetically:
            // both orders shape the output, so keep them.
            double total = 0;
            List<String> drivers = new ArrayList<>();
            for (String condition : rates.conditionWeights.codes()) {
                if (p.hasBy(condition, day) && codes.hasIcd10(condition)) {
                    drivers.add(condition);
                    total += rates.conditionWeights.weight(condition);
                }
            }
            if (!drivers.isEmpty()) {
                drivers.sort(String::compareTo);
                double roll = r.nextDouble() * total;
                for (String d : drivers) {
                    roll -= rates.conditionWeights.weight(d);
                    if (roll <= 0) {
                        List<String> list = codes.icd10(d);
                        return list.get(r.nextInt(list.size()));
                    }
                }
            }
        }
        String[] acute = age < 16 ? ClinicalCatalogue.ACUTE_CHILD : age >= 70 ? ClinicalCatalogue.ACUTE_OLD
                : ClinicalCatalogue.ACUTE_ADULT;
        String code = acute[r.nextInt(acute.length)];
        // An external cause (W19) is never a primary diagnosis: the injury is.
        return code.startsWith("W") ? "S72.0" : code;
    }

    String elective(Person p, String procedure, int day) {
        SplittableRandom r = p.rng;
        if (p.hasBy("cancer", day) && r.nextDouble() < rates.cancerElectiveShare) {
            List<String> list = codes.icd10("cancer");
            if (list != null) {
                return list.get(r.nextInt(list.size()));
            }
        }
        return switch (procedure) {
            case "C712" -> "H25.9";
            case "W371" -> "M16.9";
            case "W401" -> "M17.9";
            case "H229" -> r.nextBoolean() ? "K57.3" : "K63.5";
            case "G451" -> "K21.9";
            case "M459" -> "R31";
            case "T201" -> "K40.9";
            case "J183" -> "K80.2";
            case "Q074" -> "N92.0";
            case "W822" -> "M23.2";
            case "E031" -> "J34.2";
            case "F344" -> "J35.0";
            case "E201" -> "H65.3";
            case "D151" -> "H66.3";
            case "T191" -> "K40.9";
            case "S062" -> "L82";
            default -> "Z51.8";
        };
    }

    /** ICD-10 as providers send it: dotted {@code I50.0} or not {@code I500}; 3-character codes padded with X. */
    String format(String code, boolean dotted, SplittableRandom r) {
        if (dotted) {
            return code;
        }
        String bare = code.replace(".", "");
        return bare.length() == 3 && r.nextDouble() < rates.xPaddedShare ? bare + "X" : bare;
    }
}
