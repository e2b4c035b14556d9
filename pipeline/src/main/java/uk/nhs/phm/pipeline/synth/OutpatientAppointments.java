package uk.nhs.phm.pipeline.synth;

import static uk.nhs.phm.pipeline.synth.Draws.poisson;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Outpatients: appointments at a rate rising with age and conditions, with did-not-attend (more in
 * deprived areas and young adults), cancellations, first attendances, and the specialty of one of the
 * person's conditions where there is one.
 */
final class OutpatientAppointments {
    private final GeneratorContext ctx;

    OutpatientAppointments(GeneratorContext ctx) {
        this.ctx = ctx;
    }

    void drawYear(Person p, HospitalActivity.Year y, String acute) {
        SplittableRandom r = p.rng;
        double op = (0.45 + 0.032 * y.age()) * (1 + 0.45 * y.ltc()) * Math.sqrt(p.propensity);
        int no = poisson(r, op * y.frac());
        for (int i = 0; i < no; i++) {
            appointment(p, y.from() + r.nextInt(y.to() - y.from() + 1), acute, y.age(), y.mid());
        }
    }

    private void appointment(Person p, int day, String acute, int age, int mid) {
        SplittableRandom r = p.rng;
        double dna = 0.05 + 0.03 * Math.max(0, p.dep) + (age >= 16 && age < 30 ? 0.03 : 0);
        double roll = r.nextDouble();
        String status = roll < dna ? ContractCodes.DID_NOT_ATTEND
                : roll < dna + 0.06 ? ContractCodes.CANCELLED : ContractCodes.ATTENDED;
        boolean first = r.nextDouble() < 0.3;
        String tfc;
        List<String> specialties = new ArrayList<>();
        for (String c : p.onset.keySet()) {
            String t = ClinicalCatalogue.TREATMENT_FUNCTION_BY_CONDITION.get(c);
            if (t != null && p.hasBy(c, mid)) {
                specialties.add(t);
            }
        }
        if (age < 16) {
            tfc = "420";
        } else if (!specialties.isEmpty() && r.nextDouble() < 0.6) {
            tfc = specialties.get(r.nextInt(specialties.size()));
        } else {
            tfc = ClinicalCatalogue.TREATMENT_FUNCTIONS_GENERAL[r.nextInt(ClinicalCatalogue.TREATMENT_FUNCTIONS_GENERAL.length)];
        }
        String cost = status.equals(ContractCodes.ATTENDED) ? Days.decimal2((first ? 190 : 115) + 40 * r.nextDouble()) : null;
        ctx.out.outpatient(p, acute, day, status, first, tfc, cost);
    }
}
