#!/usr/bin/env python3
"""Builds conf/codelists/efi_deficits.csv and efi_deficit_codes.csv from the Greater Manchester SDE eFI code sets
(provenance: PROVENANCE.md, section "eFI deficits").

Run from the project root with the shared reference folder beside it:
    python3 conf/codelists/make_efi_codes.py ../shared/reference/codelists
The pipeline reads only the CSVs this writes; it never needs the sources.
"""
import csv
import sys

src = sys.argv[1] if len(sys.argv) > 1 else '../shared/reference/codelists'

# Clegg et al. 2016 (Age Ageing 45:353), table 1: the 36 deficits in the paper's order, with the GM SDE code set
# that stands for each. Polypharmacy has no code set: it is the medication rule.
CLEGG = [
    ('activity-limitation', 'Activity limitation'), ('anaemia', 'Anaemia & haematinic deficiency'),
    ('arthritis', 'Arthritis'), ('atrial-fibrillation', 'Atrial fibrillation'),
    ('stroke-tia', 'Cerebrovascular disease'), ('ckd', 'Chronic kidney disease'), ('diabetes', 'Diabetes'),
    ('dizziness', 'Dizziness'), ('dyspnoea', 'Dyspnoea'), ('falls', 'Falls'), ('foot-problems', 'Foot problems'),
    ('fragility-fracture', 'Fragility fracture'), ('hearing-loss', 'Hearing impairment'),
    ('heart-failure', 'Heart failure'), ('heart-valve-disease', 'Heart valve disease'),
    ('housebound', 'Housebound'), ('hypertension', 'Hypertension'), ('hypotension', 'Hypotension/syncope'),
    ('chd', 'Ischaemic heart disease'), ('cognitive-problems', 'Memory & cognitive problems'),
    ('mobility-problems', 'Mobility and transfer problems'), ('osteoporosis', 'Osteoporosis'),
    ('parkinsons', 'Parkinsonism & tremor'), ('peptic-ulcer', 'Peptic ulcer'),
    ('pvd', 'Peripheral vascular disease'), ('polypharmacy', 'Polypharmacy'),
    ('care-requirement', 'Requirement for care'), ('respiratory-disease', 'Respiratory disease'),
    ('skin-ulcer', 'Skin ulcer'), ('sleep-disturbance', 'Sleep disturbance'),
    ('social-vulnerability', 'Social vulnerability'), ('thyroid-disorders', 'Thyroid disease'),
    ('urinary-incontinence', 'Urinary incontinence'), ('urinary-system-disease', 'Urinary system disease'),
    ('vision-problems', 'Visual impairment'), ('weight-loss', 'Weight loss & anorexia'),
]
# GM SDE terminology names -> the input contract's gp_events code_system values.
SYSTEMS = {'snomed': 'snomed', 'readv2': 'read2', 'ctv3': 'ctv3'}


def name(deficit):
    # A deficit name is an identifier in phm (lower case, underscores), like the condition names.
    return deficit.replace('-', '_')


index = {r['deficit'] for r in csv.DictReader(open(f'{src}/efi/efi_36_deficits_index.csv'))}
assert index == {d for d, _ in CLEGG}, index ^ {d for d, _ in CLEGG}

with open('conf/codelists/efi_deficits.csv', 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['number', 'deficit', 'label', 'rule'])
    for i, (d, label) in enumerate(CLEGG, start=1):
        w.writerow([i, name(d), label, 'polypharmacy' if d == 'polypharmacy' else 'codes'])

rows = set()
for r in csv.DictReader(open(f'{src}/efi/efi_deficit_codes_gm_sde.csv')):
    code = r['code'].strip()
    # Read v2 codes are matched on their first five characters (the term code is dropped), as for conditions.
    if r['terminology'] == 'readv2':
        code = code[:5]
    rows.add((name(r['deficit']), SYSTEMS[r['terminology']], code, 'exact', f"GM SDE {r['concept']} v{r['version']}"))
order = {name(d): i for i, (d, _) in enumerate(CLEGG)}
with open('conf/codelists/efi_deficit_codes.csv', 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['deficit', 'code_system', 'code', 'match', 'source'])
    for row in sorted(rows, key=lambda x: (order[x[0]], x[1], x[2])):
        w.writerow(row)
print(len(rows), 'codes')
