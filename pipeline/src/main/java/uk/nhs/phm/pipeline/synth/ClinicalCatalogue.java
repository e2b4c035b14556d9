package uk.nhs.phm.pipeline.synth;

import java.util.List;
import java.util.Map;

/**
 * The clinical content the generator draws from: prevalence curves, prescribing, diagnosis and procedure
 * codes, services. Shapes follow published England patterns (QOF prevalence by age); absolute prevalence
 * is calibrated per practice from QOF registers. Rates (admissions, A&E, mortality, ...) are in
 * {@code conf/synthetic/generator.properties}, read into {@link GeneratorRates}.
 */
final class ClinicalCatalogue {
    private ClinicalCatalogue() {
    }

    /** Lower age of each band used by the age curves below. */
    static final int[] BAND_START = {0, 5, 10, 18, 30, 40, 50, 60, 70, 80, 90};

    static int band(int age) {
        int b = 0;
        while (b + 1 < BAND_START.length && age >= BAND_START[b + 1]) {
            b++;
        }
        return b;
    }

    /** Shape of a QOF condition: relative prevalence by age band, sex multipliers, deprivation gradient. */
    static final class ConditionShape {
        final String condition;
        final int minAge;
        final double[] byBand;
        final double female;
        final double male;
        /** Multiplier slope on deprivation in [-1 least, +1 most deprived]. */
        final double deprivation;

        ConditionShape(String condition, int minAge, double female, double male, double deprivation,
                       double... byBand) {
            this.condition = condition;
            this.minAge = minAge;
            this.byBand = byBand;
            this.female = female;
            this.male = male;
            this.deprivation = deprivation;
        }

        double relative(int age, boolean female) {
            if (age < minAge) {
                return 0;
            }
            return byBand[band(age)] * (female ? this.female : this.male);
        }
    }

    /**
     * In the order of {@link GeneratorReference#QOF_CONDITIONS}. Minimum ages are the QOF register ages
     * (asthma 6+, diabetes 17+, CKD, depression and epilepsy 18+, osteoporosis 50+, RA 16+).
     */
    static final List<ConditionShape> SHAPES = List.of(
            new ConditionShape("atrial_fibrillation", 0, 0.75, 1.25, 0.0,
                    0, 0, 0, 0.05, 0.1, 0.4, 1.2, 3.5, 8, 14, 17),
            new ConditionShape("asthma", 6, 1.1, 0.9, 0.15,
                    2, 7, 9, 7, 6.5, 6, 6, 6.5, 7, 6.5, 5),
            new ConditionShape("cancer", 0, 1.0, 1.0, 0.05,
                    0.05, 0.05, 0.1, 0.3, 0.8, 1.8, 3.5, 7, 11, 13, 12),
            new ConditionShape("coronary_heart_disease", 0, 0.6, 1.4, 0.3,
                    0, 0, 0, 0.02, 0.15, 0.8, 3, 7, 12, 17, 18),
            new ConditionShape("ckd_3_5", 18, 1.1, 0.9, 0.15,
                    0, 0, 0, 0.1, 0.3, 0.7, 2, 6, 15, 30, 40),
            new ConditionShape("copd", 0, 0.9, 1.1, 0.6,
                    0, 0, 0, 0.05, 0.2, 0.8, 2.2, 4.5, 7, 8, 7),
            new ConditionShape("dementia", 0, 1.15, 0.85, 0.1,
                    0, 0, 0, 0, 0.01, 0.05, 0.3, 1, 4.5, 15, 30),
            new ConditionShape("depression", 18, 1.35, 0.65, 0.25,
                    0, 0, 0, 12, 13, 14, 14, 12, 10, 10, 9),
            new ConditionShape("diabetes", 17, 0.85, 1.15, 0.3,
                    0, 0, 0.2, 1, 2.5, 5.5, 10, 15, 19, 17, 13),
            new ConditionShape("epilepsy", 18, 1.0, 1.0, 0.2,
                    0, 0, 0, 0.8, 0.8, 0.9, 0.9, 0.9, 0.9, 0.8, 0.7),
            new ConditionShape("heart_failure", 0, 0.8, 1.2, 0.25,
                    0, 0, 0, 0.02, 0.05, 0.2, 0.6, 1.6, 4, 8, 11),
            new ConditionShape("hypertension", 0, 1.0, 1.0, 0.1,
                    0, 0, 0.05, 0.8, 3, 9, 19, 33, 48, 58, 60),
            new ConditionShape("learning_disability", 0, 0.8, 1.2, 0.2,
                    0.6, 0.8, 0.9, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05),
            new ConditionShape("serious_mental_illness", 0, 1.0, 1.0, 0.5,
                    0, 0, 0.1, 0.9, 1.2, 1.2, 1.2, 1, 0.8, 0.7, 0.6),
            new ConditionShape("osteoporosis", 50, 1.7, 0.3, 0.05,
                    0, 0, 0, 0, 0, 0, 0.5, 1.5, 4, 8, 10),
            new ConditionShape("peripheral_arterial_disease", 0, 0.8, 1.2, 0.3,
                    0, 0, 0, 0, 0.02, 0.1, 0.4, 1.3, 2.5, 3.5, 3.5),
            new ConditionShape("palliative_care", 0, 1.0, 1.0, 0.05,
                    0.02, 0.02, 0.02, 0.03, 0.06, 0.15, 0.3, 0.6, 1.2, 2.5, 4),
            new ConditionShape("rheumatoid_arthritis", 16, 1.4, 0.6, 0.1,
                    0, 0, 0.02, 0.2, 0.4, 0.6, 1, 1.3, 1.5, 1.4, 1.2),
            new ConditionShape("stroke_tia", 0, 0.9, 1.1, 0.25,
                    0, 0, 0.02, 0.1, 0.2, 0.6, 1.5, 3.5, 7, 11, 13));

    // ---- ICD-10 (stored dotted; 3-character codes have no dot and take an X filler when undotted)

    /** Full ICD-10 codes used for a condition in hospital records and death certificates. */
    static final Map<String, List<String>> ICD10_BY_CONDITION = Map.ofEntries(
            Map.entry("atrial_fibrillation", List.of("I48.0", "I48.1", "I48.2", "I48.9")),
            Map.entry("asthma", List.of("J45.9", "J45.0", "J45.8", "J46")),
            Map.entry("cancer", List.of("C34.9", "C18.9", "C50.9", "C61", "C43.9", "C67.9", "C25.9", "C16.9",
                    "C85.9", "C92.0", "C20")),
            Map.entry("coronary_heart_disease", List.of("I25.1", "I20.9", "I21.9", "I25.9", "I20.0", "I21.4")),
            // Stage 3 only: N18.4/N18.5 would put every CKD patient seen in hospital into CKD 4-5 (organ failure).
            Map.entry("ckd_3_5", List.of("N18.3")),
            Map.entry("copd", List.of("J44.9", "J44.1", "J44.0", "J43.9")),
            Map.entry("dementia", List.of("F03", "F01.9", "G30.9", "F00.9", "G30.1")),
            Map.entry("depression", List.of("F32.9", "F33.9", "F32.1", "F33.1")),
            Map.entry("diabetes", List.of("E11.9", "E11.6", "E10.9", "E11.4", "E11.5", "E10.1")),
            Map.entry("epilepsy", List.of("G40.9", "G40.3", "G40.2", "G41.9")),
            Map.entry("heart_failure", List.of("I50.0", "I50.9", "I50.1", "I11.0")),
            Map.entry("hypertension", List.of("I10", "I10", "I10", "I11.9", "I12.9")),
            Map.entry("learning_disability", List.of("F79.9", "F70.9", "F71.9", "Q90.9")),
            Map.entry("serious_mental_illness", List.of("F20.9", "F31.9", "F25.9", "F20.0", "F29", "F31.3")),
            Map.entry("osteoporosis", List.of("M81.9", "M81.0", "M80.0", "M80.8")),
            Map.entry("peripheral_arterial_disease", List.of("I73.9", "I74.3", "I73.8")),
            Map.entry("palliative_care", List.of("Z51.5")),
            Map.entry("rheumatoid_arthritis", List.of("M06.9", "M05.9", "M06.0", "M05.8")),
            Map.entry("stroke_tia", List.of("I63.9", "I64", "G45.9", "I61.9", "I63.5", "I69.3")),
            Map.entry("metastatic_cancer", List.of("C78.0", "C79.5", "C77.9", "C78.7", "C79.3", "C80.9",
                    "C80.0")),
            Map.entry("ckd_4_5", List.of("N18.4", "N18.5")),
            Map.entry("liver_failure", List.of("K70.3", "K74.6", "K72.9", "K70.4")),
            Map.entry("paraplegia", List.of("G82.2", "G82.4", "G82.1")),
            Map.entry("cerebral_palsy", List.of("G80.9", "G80.0", "G80.1")),
            Map.entry("motor_neurone_disease", List.of("G12.2")),
            Map.entry("substance_misuse", List.of("F10.2", "F10.1", "F11.2", "F12.2", "F10.0")),
            Map.entry("homelessness", List.of("Z59.0")),
            Map.entry("maternity", List.of("O80.0", "O80.9", "O82.0", "O82.1", "O70.0", "O34.2", "O48",
                    "O60.1", "O62.2", "O99.8")));

    /** Common reasons for emergency admission that are not long-term conditions. */
    static final String[] ACUTE_ADULT = {"J18.9", "N39.0", "R07.4", "R55", "R10.4", "J22", "L03.1", "A09.9",
        "R06.0", "N17.9", "K35.8", "R51", "K80.2", "E87.1", "K92.2", "R50.9", "T78.4", "S06.0", "R07.3",
        "K56.7", "J69.0", "R10.3"};
    static final String[] ACUTE_OLD = {"J18.9", "N39.0", "S72.0", "S72.1", "R55", "W19", "R41.0", "J22",
        "N17.9", "E87.1", "L03.1", "R29.6", "K59.0", "J69.0", "S32.5", "R07.4"};
    static final String[] ACUTE_CHILD = {"J06.9", "R50.9", "J21.9", "A08.4", "J20.9", "R11", "S06.0",
        "J45.9", "R56.0", "K35.8", "S52.5", "T78.4", "B34.9"};

    /** Leading causes of death where no condition of the person is the cause. */
    static final String[] OTHER_DEATH_CAUSES = {"R54", "J18.9", "I21.9", "C34.9", "I64", "J44.9", "C18.9",
        "K74.6", "N39.0", "A41.9", "I26.9", "C25.9"};

    // ---- OPCS-4 procedures (undotted, as in SUS)

    static final String[] ELECTIVE_PROCEDURES_OLD = {"C712", "C712", "W371", "W401", "H229", "G451", "M459",
        "T201", "S062"};
    static final String[] ELECTIVE_PROCEDURES_ADULT = {"H229", "G451", "M459", "T201", "J183", "Q074", "W822",
        "E031", "F344"};
    static final String[] ELECTIVE_PROCEDURES_CHILD = {"F344", "E201", "D151", "T191"};
    static final String[] MATERNITY_PROCEDURES = {"R249", "R249", "R249", "R179", "R189", "R211"};

    // ---- prescribing: BNF chemical substance code and name

    /** One BNF chemical substance. */
    static final class Drug {
        final String bnf;
        final String name;

        Drug(String bnf, String name) {
            this.bnf = bnf;
            this.name = name;
        }
    }

    static Drug drug(String bnf, String name) {
        return new Drug(bnf, name);
    }

    static final Drug METFORMIN = drug("0601022B0", "Metformin hydrochloride");
    static final Drug GLICLAZIDE = drug("0601021M0", "Gliclazide");
    static final Drug DAPAGLIFLOZIN = drug("0601023AG", "Dapagliflozin");
    static final Drug RAMIPRIL = drug("0205051R0", "Ramipril");
    static final Drug LISINOPRIL = drug("0205051L0", "Lisinopril");
    static final Drug LOSARTAN = drug("0205052N0", "Losartan potassium");
    static final Drug AMLODIPINE = drug("0206020A0", "Amlodipine");
    static final Drug BENDROFLUMETHIAZIDE = drug("0202010B0", "Bendroflumethiazide");
    static final Drug ATORVASTATIN = drug("0212000B0", "Atorvastatin");
    static final Drug SIMVASTATIN = drug("0212000Y0", "Simvastatin");
    static final Drug BISOPROLOL = drug("0204000H0", "Bisoprolol fumarate");
    static final Drug FUROSEMIDE = drug("0202020L0", "Furosemide");
    static final Drug SPIRONOLACTONE = drug("0202030S0", "Spironolactone");
    static final Drug APIXABAN = drug("0208020Z0", "Apixaban");
    static final Drug RIVAROXABAN = drug("0208020Y0", "Rivaroxaban");
    static final Drug WARFARIN = drug("0208020V0", "Warfarin sodium");
    static final Drug ASPIRIN = drug("0209000A0", "Aspirin");
    static final Drug CLOPIDOGREL = drug("0209000C0", "Clopidogrel");
    static final Drug GTN = drug("0206010F0", "Glyceryl trinitrate");
    static final Drug SALBUTAMOL = drug("0301011R0", "Salbutamol");
    static final Drug BECLOMETASONE = drug("0302000C0", "Beclometasone dipropionate");
    static final Drug TIOTROPIUM = drug("0301020Q0", "Tiotropium");
    static final Drug SERTRALINE = drug("0403030Q0", "Sertraline hydrochloride");
    static final Drug CITALOPRAM = drug("0403030D0", "Citalopram hydrobromide");
    static final Drug FLUOXETINE = drug("0403030E0", "Fluoxetine hydrochloride");
    static final Drug MIRTAZAPINE = drug("0403040X0", "Mirtazapine");
    static final Drug OLANZAPINE = drug("0402010AB", "Olanzapine");
    static final Drug LITHIUM = drug("0402030K0", "Lithium carbonate");
    static final Drug LEVETIRACETAM = drug("0408010AH", "Levetiracetam");
    static final Drug LAMOTRIGINE = drug("0408010H0", "Lamotrigine");
    static final Drug VALPROATE = drug("0408010W0", "Sodium valproate");
    static final Drug DONEPEZIL = drug("0411000D0", "Donepezil hydrochloride");
    static final Drug MEMANTINE = drug("0411000G0", "Memantine hydrochloride");
    static final Drug ALENDRONIC_ACID = drug("0606020A0", "Alendronic acid");
    static final Drug METHOTREXATE = drug("1001030U0", "Methotrexate");
    static final Drug HYDROXYCHLOROQUINE = drug("1001030C0", "Hydroxychloroquine sulfate");
    static final Drug TAMOXIFEN = drug("0803041S0", "Tamoxifen citrate");
    static final Drug ANASTROZOLE = drug("0803041B0", "Anastrozole");
    static final Drug MORPHINE = drug("0407020Q0", "Morphine sulfate");
    static final Drug LEVOTHYROXINE = drug("0602010V0", "Levothyroxine sodium");
    static final Drug OMEPRAZOLE = drug("0103050P0", "Omeprazole");
    static final Drug LANSOPRAZOLE = drug("0103050L0", "Lansoprazole");
    static final Drug DESOGESTREL = drug("0703021Q0", "Desogestrel");
    static final Drug PARACETAMOL = drug("0407010H0", "Paracetamol");
    static final Drug CO_CODAMOL = drug("0407010F0", "Co-codamol (Codeine phosphate/paracetamol)");
    static final Drug NAPROXEN = drug("1001010P0", "Naproxen");
    static final Drug IBUPROFEN = drug("1001010J0", "Ibuprofen");
    static final Drug PREDNISOLONE = drug("0603020T0", "Prednisolone");
    static final Drug AMOXICILLIN = drug("0501013B0", "Amoxicillin");
    static final Drug NITROFURANTOIN = drug("0501130R0", "Nitrofurantoin");
    static final Drug DOXYCYCLINE = drug("0501030I0", "Doxycycline hyclate");
    static final Drug FLUCLOXACILLIN = drug("0501012G0", "Flucloxacillin sodium");
    static final Drug CLARITHROMYCIN = drug("0501050B0", "Clarithromycin");

    /**
     * Repeat prescribing per condition: each inner list is one therapeutic slot, from which a person
     * on it gets one drug (first-line drugs listed more than once are more likely).
     */
    static final Map<String, List<List<Drug>>> REPEATS = Map.ofEntries(
            Map.entry("diabetes", List.of(List.of(METFORMIN), List.of(GLICLAZIDE, DAPAGLIFLOZIN),
                    List.of(ATORVASTATIN, ATORVASTATIN, SIMVASTATIN))),
            Map.entry("hypertension", List.of(List.of(AMLODIPINE, RAMIPRIL, LISINOPRIL, LOSARTAN),
                    List.of(BENDROFLUMETHIAZIDE, AMLODIPINE))),
            Map.entry("coronary_heart_disease", List.of(List.of(ATORVASTATIN), List.of(ASPIRIN, CLOPIDOGREL),
                    List.of(BISOPROLOL), List.of(GTN))),
            Map.entry("atrial_fibrillation", List.of(List.of(APIXABAN, APIXABAN, RIVAROXABAN, WARFARIN),
                    List.of(BISOPROLOL))),
            Map.entry("heart_failure", List.of(List.of(FUROSEMIDE), List.of(BISOPROLOL),
                    List.of(RAMIPRIL, LOSARTAN), List.of(SPIRONOLACTONE))),
            Map.entry("stroke_tia", List.of(List.of(CLOPIDOGREL), List.of(ATORVASTATIN))),
            Map.entry("peripheral_arterial_disease", List.of(List.of(CLOPIDOGREL), List.of(ATORVASTATIN))),
            Map.entry("ckd_3_5", List.of(List.of(RAMIPRIL, LOSARTAN), List.of(ATORVASTATIN))),
            Map.entry("asthma", List.of(List.of(SALBUTAMOL), List.of(BECLOMETASONE))),
            Map.entry("copd", List.of(List.of(SALBUTAMOL), List.of(TIOTROPIUM), List.of(BECLOMETASONE))),
            Map.entry("depression", List.of(List.of(SERTRALINE, SERTRALINE, CITALOPRAM, FLUOXETINE,
                    MIRTAZAPINE))),
            Map.entry("serious_mental_illness", List.of(List.of(OLANZAPINE, OLANZAPINE, LITHIUM))),
            Map.entry("epilepsy", List.of(List.of(LEVETIRACETAM, LAMOTRIGINE, VALPROATE))),
            Map.entry("dementia", List.of(List.of(DONEPEZIL, DONEPEZIL, MEMANTINE))),
            Map.entry("osteoporosis", List.of(List.of(ALENDRONIC_ACID))),
            Map.entry("rheumatoid_arthritis", List.of(List.of(METHOTREXATE, HYDROXYCHLOROQUINE),
                    List.of(NAPROXEN, CO_CODAMOL))),
            Map.entry("cancer", List.of(List.of(TAMOXIFEN, ANASTROZOLE, CO_CODAMOL))),
            Map.entry("palliative_care", List.of(List.of(MORPHINE))),
            Map.entry("metastatic_cancer", List.of(List.of(MORPHINE, CO_CODAMOL))));

    static final Drug[] ANTIBIOTICS = {AMOXICILLIN, AMOXICILLIN, NITROFURANTOIN, DOXYCYCLINE, FLUCLOXACILLIN,
        CLARITHROMYCIN};
    static final Drug[] ANALGESICS = {PARACETAMOL, CO_CODAMOL, NAPROXEN, IBUPROFEN};

    // ---- SNOMED CT codes for primary-care events that are not on any condition list

    /** Symptoms and minor illness seen in general practice (none is an eFI deficit). */
    static final String[] CONSULTATION_CODES = {"25064002", "161891005", "21522001", "386661006", "54150009",
        "195662009", "65363002", "271807003", "279039007", "57676002", "84229001", "62315008", "422587007",
        "29857009", "36971009", "24079001", "61582004", "197480006", "185317003", "390906007"};
    static final String MEDICATION_REVIEW = "182836005";
    static final String FLU_VACCINATION = "86198006";
    static final String SYSTOLIC_BP = "271649006";
    static final String DIASTOLIC_BP = "271650006";
    static final String BMI = "60621009";
    static final String WEIGHT = "27113001";
    static final String HBA1C = "999791000000106";
    static final String[] SMOKING = {"266919005", "8517006", "77176002"};

    /** Condition-specific annual review codes; other LTCs get a medication review. */
    static final Map<String, String> REVIEW_CODES = Map.of(
            "asthma", "270442000",
            "copd", "394703002",
            "diabetes", "170777000");

    /** eFI deficit findings (SNOMED CT, from the eFI code sets), recorded in older and frailer people. */
    static final String[] FRAILTY_FINDINGS = {"1912002", "161898004", "8510008", "160681005", "22220005",
        "15188001", "849000", "160689007", "160774006", "89362005", "162201008", "2622007", "14304000",
        "185269006", "21134002", "33553000", "60845006", "404640003", "267036007", "49727002", "396275006",
        "68566005", "439708006"};

    // ---- services

    static final String[] TREATMENT_FUNCTIONS_GENERAL = {"100", "101", "110", "120", "130", "300", "301",
        "330", "502", "110", "130"};

    static final Map<String, String> TREATMENT_FUNCTION_BY_CONDITION = Map.ofEntries(
            Map.entry("diabetes", "307"), Map.entry("coronary_heart_disease", "320"),
            Map.entry("heart_failure", "320"), Map.entry("atrial_fibrillation", "320"),
            Map.entry("copd", "340"), Map.entry("asthma", "340"), Map.entry("ckd_3_5", "361"),
            Map.entry("cancer", "370"), Map.entry("metastatic_cancer", "800"), Map.entry("epilepsy", "400"),
            Map.entry("rheumatoid_arthritis", "410"), Map.entry("stroke_tia", "328"),
            Map.entry("dementia", "430"), Map.entry("osteoporosis", "430"),
            Map.entry("palliative_care", "315"), Map.entry("peripheral_arterial_disease", "107"));
}
