#!/usr/bin/env python3
"""Builds conf/codelists/condition_codes.csv from the published code lists (provenance: PROVENANCE.md).

Run from the project root with the shared reference folder beside it:
    python3 conf/codelists/make_condition_codes.py ../shared/reference/codelists
The pipeline reads only the CSV this writes; it never needs the sources.
"""
import csv
import re
import sys

src = sys.argv[1] if len(sys.argv) > 1 else '../shared/reference/codelists'

# NHS Digital Primary Care Domain (QOF business rules) clusters -> pipeline condition.
PCD = {
    'afib_cod': 'atrial_fibrillation', 'ast_cod': 'asthma', 'astres_cod': 'asthma_resolved',
    'c19can_cod': 'cancer', 'c19haemcan_cod': 'cancer', 'chd_cod': 'coronary_heart_disease',
    'ckd_cod': 'ckd_3_5', 'ckd1and2_cod': 'ckd_1_2', 'copd_cod': 'copd', 'dem_cod': 'dementia', 'depr_cod': 'depression',
    'depres_cod': 'depression_resolved', 'dm_cod': 'diabetes', 'dmres_cod': 'diabetes_resolved',
    'epil_cod': 'epilepsy', 'hf_cod': 'heart_failure', 'hyp_cod': 'hypertension',
    'hypres_cod': 'hypertension_resolved', 'ld_cod': 'learning_disability', 'mh_cod': 'serious_mental_illness',
    'osteo_cod': 'osteoporosis', 'pad_cod': 'peripheral_arterial_disease', 'palcare_cod': 'palliative_care',
    'palcareni_cod': 'palliative_care_not_indicated', 'rarth_cod': 'rheumatoid_arthritis',
    'strk_cod': 'stroke_tia', 'tia_cod': 'stroke_tia', 'carehome_cod': 'care_home',
}
# CALIBER 308 phenotypes (ICD-10 and Read v2) -> pipeline condition.
CALIBER = {
    'Atrial fibrillation': 'atrial_fibrillation', 'Asthma': 'asthma', 'COPD': 'copd',
    'Coronary heart disease not otherwise specified': 'coronary_heart_disease', 'Stable angina': 'coronary_heart_disease',
    'Unstable Angina': 'coronary_heart_disease', 'Myocardial infarction': 'coronary_heart_disease',
    'Dementia': 'dementia', 'Depression': 'depression', 'Diabetes': 'diabetes', 'Epilepsy': 'epilepsy',
    'Heart failure': 'heart_failure', 'Hypertension': 'hypertension', 'Intellectual disability': 'learning_disability',
    "Down's syndrome": 'learning_disability', 'Schizophrenia': 'serious_mental_illness',
    'Bipolar affective disorder and mania': 'serious_mental_illness', 'Osteoporosis': 'osteoporosis',
    'Peripheral arterial disease': 'peripheral_arterial_disease', 'Rheumatoid Arthritis': 'rheumatoid_arthritis',
    'Ischaemic stroke': 'stroke_tia', 'Stroke NOS': 'stroke_tia', 'Intracerebral haemorrhage': 'stroke_tia',
    'Transient ischaemic attack': 'stroke_tia', 'Leukaemia': 'cancer', 'Hodgkin Lymphoma': 'cancer',
    'Non-Hodgkin Lymphoma': 'cancer', 'Multiple myeloma and malignant plasma cell neoplasms': 'cancer',
    'Cerebral Palsy': 'cerebral_palsy', 'Motor neuron disease': 'motor_neurone_disease',
    'Other psychoactive substance misuse': 'substance_misuse', 'Alcohol Problems': 'substance_misuse',
}
def caliber_condition(phenotype):
    if phenotype.startswith('Primary Malignancy_') and 'Other Skin' not in phenotype:
        return 'cancer'
    if phenotype.startswith('Schizophrenia'):
        return 'serious_mental_illness'
    return CALIBER.get(phenotype)

# ICD-10 prefixes the methods name directly (methods.md), or standard definitions CALIBER lacks.
HAND_ICD10 = [
    ('ckd_3_5', ['N183', 'N184', 'N185'], 'methods.md: CKD stage 3-5 (ICD-10 N18.3-N18.5)'),
    ('ckd_4_5', ['N184', 'N185'], 'methods.md: CKD stage 4-5 (N18.4, N18.5)'),
    ('ckd_1_2', ['N181', 'N182'], 'ICD-10 N18.1-N18.2 CKD stage 1-2'),
    ('ckd_1_3', ['N181', 'N182', 'N183'], 'ICD-10 N18.1-N18.3 CKD stage 1-3'),
    ('palliative_care', ['Z515'], 'ICD-10 Z51.5 Palliative care'),
    ('metastatic_cancer', ['C77', 'C78', 'C79', 'C80'], 'methods.md: metastatic cancer C77-C80'),
    ('liver_failure', ['K703', 'K704', 'K72', 'K746'], 'methods.md: cirrhosis/liver failure'),
    ('paraplegia', ['G82'], 'methods.md: paraplegia/tetraplegia G82'),
    ('cerebral_palsy', ['G80'], 'methods.md: cerebral palsy G80'),
    ('motor_neurone_disease', ['G122'], 'methods.md: motor neurone disease G12.2'),
    ('maternity', ['O'], 'methods.md: ICD-10 chapter O (pregnancy, childbirth and the puerperium)'),
    ('substance_misuse', ['F10', 'F11', 'F12', 'F13', 'F14', 'F15', 'F16', 'F18', 'F19'],
     'ICD-10 F10-F19 mental and behavioural disorders due to psychoactive substance use'),
    ('homelessness', ['Z590'], 'ICD-10 Z59.0 Homelessness'),
]
HAND_SNOMED = [
    ('homelessness', '32911000', 'SNOMED CT 32911000 |Homeless (finding)|'),
]

rows = set()
for r in csv.DictReader(open(f'{src}/qof_pcd_refsets/nhsd_pcd_refset_clusters_snomed.csv')):
    cond = PCD.get(r['cluster'])
    if cond:
        rows.add((cond, 'snomed', r['snomedct_code'], 'exact', f"NHSD PCD refset {r['cluster']} v{r['opencodelists_version']}"))
        # CKD stage 4-5 is the subset of the CKD 3-5 cluster whose term names stage 4/5 or GFR category G4/G5.
        if r['cluster'] == 'ckd_cod' and re.search(r'stage [45]\b|category G[45]\b', r['term']):
            rows.add(('ckd_4_5', 'snomed', r['snomedct_code'], 'exact', f"NHSD PCD refset ckd_cod v{r['opencodelists_version']} (stage 4-5 terms)"))
        # A stage 1-3 code after the latest stage 4-5 code ends CKD 4-5 (the latest stage code decides, as QOF's
        # staging does): every stage 1-2 code, and the CKD 3-5 codes whose term names stage 3 or G3a/G3b.
        if r['cluster'] == 'ckd1and2_cod' or (r['cluster'] == 'ckd_cod' and re.search(r'stage 3|category G3', r['term'])):
            rows.add(('ckd_1_3', 'snomed', r['snomedct_code'], 'exact', f"NHSD PCD refset {r['cluster']} v{r['opencodelists_version']} (stage 1-3 terms)"))
for r in csv.DictReader(open(f'{src}/caliber_308/caliber_icd10_phenotypes.csv')):
    cond = caliber_condition(r['phenotype'])
    if cond:
        rows.add((cond, 'icd10', r['code'].replace('.', '').upper(), 'prefix', f"CALIBER 308 {r['phenotype']}"))
for r in csv.DictReader(open(f'{src}/caliber_308/caliber_readv2_phenotypes.csv')):
    cond = caliber_condition(r['phenotype'])
    if cond:
        rows.add((cond, 'read2', r['code'][:5], 'exact', f"CALIBER 308 {r['phenotype']}"))
for cond, prefixes, source in HAND_ICD10:
    for p in prefixes:
        rows.add((cond, 'icd10', p, 'prefix', source))
for cond, code, source in HAND_SNOMED:
    rows.add((cond, 'snomed', code, 'exact', source))

# One row per (condition, system, code): keep the first source alphabetically so the file is stable.
best = {}
for row in sorted(rows):
    best.setdefault(row[:4], row)
with open('conf/codelists/condition_codes.csv', 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['condition', 'code_system', 'code', 'match', 'source'])
    w.writerows(sorted(best.values()))
print(len(best), 'rows')
