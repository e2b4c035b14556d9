package uk.nhs.phm.pipeline.synth;

import java.util.SplittableRandom;

/**
 * Adult social care: residential or nursing care for care-home residents, home care or day care for frail
 * older people (more with dementia and deprivation), day care and direct payments for people with a learning
 * disability or a disabling condition, reablement after emergency discharges. Writes
 * {@code social_care_services}.
 */
final class SocialCareServices {
    private final GeneratorContext ctx;

    SocialCareServices(GeneratorContext ctx) {
        this.ctx = ctx;
    }

    /** Long-term services: care home, home or day care, learning disability and disability support. */
    void writeServices(Person p) {
        SplittableRandom r = p.rng;
        int from = p.activeStart;
        int to = p.activeEnd;
        int age = (int) p.ageAt(to);
        String endIfDied = endIfDied(p);
        if (p.careHomeDay <= to) {
            boolean nursing = p.has("dementia") ? r.nextDouble() < 0.5 : r.nextDouble() < 0.3;
            service(p, nursing ? ContractCodes.NURSING : ContractCodes.RESIDENTIAL, p.careHomeDay, endIfDied,
                    nursing ? 1150 : 850);
        } else if (age >= 65) {
            double prob = 0.03 * (1 + 0.6 * p.frailDeficits) * (p.has("dementia") ? 2.5 : 1) * Math.max(0.5, 1 + 0.2 * p.dep);
            if (r.nextDouble() < Math.min(0.7, prob)) {
                int start = from - r.nextInt(365) + r.nextInt(to - from + 1);
                String end = r.nextDouble() < 0.45 ? endIfDied : Days.iso(Math.min(to, start + 14 + r.nextInt(300)));
                if (end != null && end.compareTo(Days.iso(start)) < 0) {
                    end = Days.iso(start);
                }
                service(p, r.nextDouble() < 0.85 ? ContractCodes.HOME_CARE : ContractCodes.DAY_CARE, start, end, 280 + 180 * r.nextDouble());
            }
        }
        if (p.has("learning_disability") && age >= 18 && age < 65 && r.nextDouble() < 0.4) {
            service(p, r.nextBoolean() ? ContractCodes.DAY_CARE : ContractCodes.DIRECT_PAYMENT, from - r.nextInt(5 * 365), endIfDied,
                    350 + 300 * r.nextDouble());
        }
        if ((p.has("paraplegia") || p.has("motor_neurone_disease") || p.has("cerebral_palsy")) && age >= 18
                && r.nextDouble() < 0.5) {
            service(p, ContractCodes.DIRECT_PAYMENT, from - r.nextInt(5 * 365), endIfDied, 450 + 400 * r.nextDouble());
        }
    }

    /** Reablement after an emergency discharge of an older person. */
    void reablementAfter(Person p, HospitalActivity.Discharge d) {
        SplittableRandom r = p.rng;
        if (d.age() >= 75 && r.nextDouble() < 0.12 && d.day() + 2 <= p.activeEnd) {
            int start = d.day() + r.nextInt(3);
            service(p, ContractCodes.REABLEMENT, start, Days.iso(Math.min(ctx.endDay, start + 42)), 380);
        }
    }

    /** The rare service that fits no other type. */
    void writeOther(Person p) {
        SplittableRandom r = p.rng;
        int from = p.activeStart;
        int to = p.activeEnd;
        if ((int) p.ageAt(to) >= 50 && r.nextDouble() < 0.005) {
            service(p, ContractCodes.OTHER_SERVICE, from + r.nextInt(to - from + 1), null, 40 + 60 * r.nextDouble());
        }
    }

    /** Services that last until death end on the death date; for the living they are still open. */
    private String endIfDied(Person p) {
        return p.deathDay <= ctx.endDay ? Days.iso(p.deathDay) : null;
    }

    private void service(Person p, String type, int start, String end, double weekly) {
        ctx.out.socialCare(p, type, start, end, weekly);
    }
}
