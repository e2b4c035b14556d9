#!/usr/bin/env python3
"""Builds conf/codelists/cmms_conditions.csv and cmms_codes.csv, the Cambridge Multimorbidity Score's conditions,
weights and rules, from the published sources (provenance: PROVENANCE.md, "Cambridge Multimorbidity Score").

Run from the project root with the shared reference folder beside it:
    python3 conf/codelists/make_cmms_codes.py ../shared/reference/codelists
The pipeline reads only the CSVs this writes; it never needs the sources.

Rules (one row each in cmms_codes.csv; a condition is present at T when any of its rules holds, or, for a condition
whose `combine` is `all`, when every kind of rule it has holds):
  code            a GP event with this code (read2: first five characters; snomed: concept id) up to T, within
                  window_months when given (cancer: 60, Payne's "in the last five years"), otherwise ever;
  prescriptions   at least min_issues medication issues whose BNF code starts with `code` in (T - window_months, T]
                  (Payne's ">3 prescriptions in 12 months" = at least 4);
  condition_flag  the project's own condition flag cond_<code> (the same QOF register as the source's qof_* search).
"""
import csv
import re
import sys

src = sys.argv[1] if len(sys.argv) > 1 else '../shared/reference/codelists'
cms = src + '/cambridge_multimorbidity'
CMS_SOURCE = 'AdamCameron95/Cambridge-Multimorbidity-Score'

# The source SQL's qof_* searches are QOF registers the project already computes (conf/codelists/conditions.csv),
# from NHSD QOF SNOMED clusters and CALIBER Read v2: reuse the flag rather than a second, older copy of the register.
QOF_FLAG = {
    'qof_dementia': 'dementia', 'qof_copd': 'copd', 'qof_af': 'atrial_fibrillation', 'qof_hf': 'heart_failure',
    'qof_epilepsy': 'epilepsy', 'qof_stroke': 'stroke_tia', 'qof_mental': 'serious_mental_illness',
    'qof_pad': 'peripheral_arterial_disease', 'qof_learndis': 'learning_disability', 'qof_depression': 'depression',
    'qof_chd': 'coronary_heart_disease', 'qof_rheumarth': 'rheumatoid_arthritis', 'qof_asthma': 'asthma',
    'qof_ht': 'hypertension',
}

# condition -> (label, combine, [rules]); a rule is ('flag', project condition), ('emis', EMIS attribute),
# ('caliber', CALIBER Read v2 phenotype), ('snomed_list', project condition whose SNOMED codes to take) or
# ('bnf', [prefixes]).
BNF_SOURCE = 'BNF section (Payne 2020 prescription rule: >3 issues in 12 months)'
CONDITIONS = {
    'dementia': ('Dementia', 'any', [('flag', 'dementia'), ('emis', 'cc_dementia')]),
    'cancer': ('Cancer (new diagnosis in the last 5 years)', 'any',
               [('emis', a) for a in ['cancer_breast_year', 'cancer_bowel_year',
                                      'cancer_prostate_year', 'cancer_leuklymph_year', 'cancer_cervical_year',
                                      'cancer_ovarian_year', 'cancer_melanoma_year', 'cancer_headneck_year',
                                      'cancer_giliver_year', 'cancer_other_year', 'cancer_bladder_year',
                                      'cancer_kidney_year']]
               # The source's cancer_*_year searches have no lung file: CALIBER's lung phenotype fills the gap.
               + [('caliber', 'Primary Malignancy_Lung and trachea'), ('snomed_list', 'cancer')]),
    'copd': ('COPD', 'any', [('flag', 'copd'), ('emis', 'cc_copd')]),
    'atrial_fibrillation': ('Atrial fibrillation', 'any', [('flag', 'atrial_fibrillation')]),
    'parkinsons': ("Parkinson's disease", 'any', [('emis', 'parkinsons')]),
    'heart_failure': ('Heart failure', 'any', [('flag', 'heart_failure'), ('emis', 'CC_Heart_Failure')]),
    'constipation': ('Constipation (laxatives)', 'any', [('bnf', ['0106'])]),
    'painful_conditions': ('Painful conditions (analgesics)', 'any', [('bnf', ['040701', '040702'])]),
    'epilepsy': ('Epilepsy', 'any', [('flag', 'epilepsy')]),
    'stroke_tia': ('Stroke or TIA', 'any', [('flag', 'stroke_tia'), ('emis', 'cc_stroke')]),
    'liver_disease': ('Chronic liver disease', 'any',
                      [('emis', 'CC_milld_liver_disease'), ('emis', 'CC_moderate_or_severe_liver_disease')]),
    # The source's diabetes searches are Read v2 only; the QOF diabetes register (our flag) stands in for them in
    # SNOMED-coded extracts, as the other qof_* conditions do, so diabetes is not lost after the move to SNOMED.
    'diabetes': ('Diabetes', 'any', [('flag', 'diabetes'), ('emis', 'CC_diabetes_no_complications'),
                                     ('emis', 'CC_Diabetes_End_Complications')]),
    'multiple_sclerosis': ('Multiple sclerosis', 'any', [('emis', 'ms')]),
    'bronchiectasis': ('Bronchiectasis', 'any', [('emis', 'cc_Bronchiectasis')]),
    'psychosis_bipolar': ('Schizophrenia or bipolar disorder', 'any', [('flag', 'serious_mental_illness')]),
    'alcohol_problems': ('Alcohol problems', 'any', [('caliber', 'Alcohol Problems')]),
    'peripheral_vascular_disease': ('Peripheral vascular disease', 'any',
                                    [('flag', 'peripheral_arterial_disease'), ('emis', 'cc_periph_vasc')]),
    'chronic_kidney_disease': ('Chronic kidney disease (eGFR < 60)', 'any', [('flag', 'ckd_3_5')]),
    'learning_disability': ('Learning disability', 'any', [('flag', 'learning_disability')]),
    'anxiety_depression': ('Anxiety or depression', 'any', [('flag', 'depression'), ('bnf', ['0403', '040102'])]),
    'coronary_heart_disease': ('Coronary heart disease', 'any',
                               [('flag', 'coronary_heart_disease'), ('emis', 'CC_myocardial_infarction')]),
    'inflammatory_bowel_disease': ('Inflammatory bowel disease', 'any', [('emis', 'IBD_new')]),
    'connective_tissue_disorder': ('Rheumatoid arthritis or other inflammatory polyarthropathy', 'any',
                                   [('flag', 'rheumatoid_arthritis'), ('emis', 'inflam_arthritic')]),
    'substance_misuse': ('Other psychoactive substance misuse', 'any',
                         [('emis', a) for a in ['dep_opioid', 'dep_cocaine', 'dep_cannabis', 'dep_benzo', 'dep_other']]
                         + [('bnf', ['0410'])]),
    'anorexia_bulimia': ('Anorexia or bulimia', 'any', [('caliber', 'Anorexia and bulimia nervosa')]),
    'eczema_psoriasis': ('Psoriasis or eczema (with treatment)', 'all',
                         [('emis', 'eczema'), ('emis', 'psoriasis'), ('bnf', ['1305'])]),
    'peptic_ulcer': ('Peptic ulcer disease', 'any', [('emis', 'cc_Peptic_ulcer_disease')]),
    'irritable_bowel_syndrome': ('Irritable bowel syndrome', 'any', [('emis', 'ibs'), ('bnf', ['0102'])]),
    'asthma': ('Asthma', 'any', [('flag', 'asthma'), ('emis', 'cc_asthma')]),
    'blindness_low_vision': ('Blindness or low vision', 'any', [('emis', 'visual_impair')]),
    'hypertension': ('Hypertension', 'any', [('flag', 'hypertension')]),
    'thyroid_disorders': ('Thyroid disorders', 'any', [('emis', 'thyroid'), ('bnf', ['0602'])]),
    'migraine': ('Migraine (antimigraine drugs)', 'any', [('bnf', ['040704'])]),
    'hearing_loss': ('Hearing loss', 'any', [('emis', 'hearing_impair')]),
    'prostate_disorders': ('Prostate disorders (drugs for urinary retention)', 'any', [('bnf', ['070401'])]),
}
WINDOW = {'cancer': '60'}


def read2(legacy, include_children):
    """The Read v2 code of an EMIS legacy value (`F3813-1`: code F3813, synonym 1), or None for an EMIS-local code.
    EMIS drops the trailing dots of a Read code: F420 is F420. (exact) or, with children, every code under F420."""
    stem = legacy.split('-')[0]
    if not re.fullmatch(r'[A-Za-z0-9]{1,5}', stem):
        return None
    if include_children and len(stem) < 5:
        return stem, 'prefix'
    return stem.ljust(5, '.'), 'exact'


weights = {r['condition']: r for r in csv.DictReader(open(cms + '/cms_weights_adamcameron95.csv'))}
assert set(weights) == set(CONDITIONS), set(weights) ^ set(CONDITIONS)
emis = {}
for r in csv.DictReader(open(cms + '/cms_emis_search_codes_adamcameron95.csv')):
    emis.setdefault(r['attribute'], []).append(r)
caliber = {}
for r in csv.DictReader(open(src + '/caliber_308/caliber_readv2_phenotypes.csv')):
    caliber.setdefault(r['phenotype'], []).append(r['code'][:5])
project = list(csv.DictReader(open('conf/codelists/condition_codes.csv')))

with open('conf/codelists/cmms_conditions.csv', 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['condition', 'label', 'weight', 'combine', 'definition_in_source_sql'])
    for name, r in weights.items():
        label, combine, _ = CONDITIONS[name]
        w.writerow([name, label, r['weight'], combine, r['definition_in_source_sql']])

rows = []
skipped = 0
for name, (_, _, rules) in CONDITIONS.items():
    for kind, what in rules:
        if kind == 'flag':
            rows.append((name, 'condition_flag', 'phm_condition', what, 'exact', '', '', 'conf/codelists/conditions.csv'))
        elif kind == 'bnf':
            for p in what:
                rows.append((name, 'prescriptions', 'bnf', p, 'prefix', '12', '4', BNF_SOURCE))
        elif kind == 'caliber':
            for c in sorted(set(caliber[what])):
                rows.append((name, 'code', 'read2', c, 'exact', WINDOW.get(name, ''), '', 'CALIBER 308 ' + what))
        elif kind == 'snomed_list':
            for r in project:
                if r['condition'] == what and r['code_system'] == 'snomed':
                    rows.append((name, 'code', 'snomed', r['code'], 'exact', WINDOW.get(name, ''), '',
                                 'conf/codelists/condition_codes.csv ' + r['source']))
        else:
            for r in emis[what]:
                # SCT_READV2 carries a SNOMED description id (not a concept id, so unusable against GP events'
                # concept ids) with the Read v2 code beside it; EMISINTERNAL values are EMIS qualifiers.
                code = read2(r['legacy_value'], r['include_children'] == 'true') if r['code_system'] == 'SCT_READV2' else None
                if code is None:
                    skipped += 1
                    continue
                rows.append((name, 'code', 'read2', code[0], code[1], WINDOW.get(name, ''), '', CMS_SOURCE + ' ' + what))

seen = set()
with open('conf/codelists/cmms_codes.csv', 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['condition', 'rule', 'code_system', 'code', 'match', 'window_months', 'min_issues', 'source'])
    for row in rows:
        if row[:5] not in seen:
            seen.add(row[:5])
            w.writerow(row)
print(len(seen), 'rules;', skipped, 'source rows not usable (EMIS-local codes, EMIS qualifiers)', file=sys.stderr)
