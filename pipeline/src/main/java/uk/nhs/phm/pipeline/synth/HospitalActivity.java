package uk.nhs.phm.pipeline.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * Secondary care, year by year: admissions, A&E attendances and outpatient appointments at the person's
 * acute trust, then the spells written in date order. The three kinds are drawn in the same yearly pass,
 * in that order, because that is the order of the person's random draws.
 */
final class HospitalActivity {
    /** One history year of one person, as the hospital models see it. */
    record Year(int from, int to, double frac, int mid, int age, int ltc) {
    }

    /** An emergency spell discharged inside the history: the day and the age at admission. */
    record Discharge(int day, int age) {
    }

    private final GeneratorContext ctx;
    private final InpatientSpells inpatient;
    private final AeAttendances ae;
    private final OutpatientAppointments outpatients;

    HospitalActivity(GeneratorContext ctx) {
        this.ctx = ctx;
        this.ae = new AeAttendances(ctx);
        this.inpatient = new InpatientSpells(ctx, ae);
        this.outpatients = new OutpatientAppointments(ctx);
    }

    /** Writes spells, A&E and outpatients; returns the emergency discharges, for follow-on care. */
    List<Discharge> write(Person p) {
        List<int[]> admissions = new ArrayList<>();
        // The trust a practice's patients use: fixed per practice, so each practice has one main trust.
        String acute = ctx.acuteProviders.get((int) (Math.abs(PersonTokens.SplitMix.mix(p.practice.code.hashCode()))
                % ctx.acuteProviders.size()));
        for (int y = 0; y < GeneratorSettings.HISTORY_YEARS; y++) {
            int from = Math.max(p.activeStart, ctx.yearStart(y));
            int to = Math.min(p.activeEnd, ctx.yearEnd(y));
            if (to < from) {
                continue;
            }
            int mid = from + (to - from) / 2;
            Year year = new Year(from, to, (to - from + 1) / 365.0, mid, Math.max(0, (int) p.ageAt(mid)),
                    p.ltcCountAt(mid));
            inpatient.drawAdmissions(p, year, admissions);
            ae.drawYear(p, year, acute);
            outpatients.drawYear(p, year, acute);
        }
        return inpatient.writeSpells(p, admissions, acute);
    }
}
