#!/usr/bin/env python3
"""Trims the public reference files into conf/reference (provenance: PROVENANCE.md).

Run from the project root with the shared reference folder beside it:
    python3 conf/reference/make_reference.py ../shared/reference
"""
import csv
import sys

S = sys.argv[1] if len(sys.argv) > 1 else '../shared/reference'
OUT = 'conf/reference'


def write(name, header, rows):
    with open(f'{OUT}/{name}', 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(sorted(rows))


write('practices.csv', ['practice_code', 'practice_name', 'pcn_code', 'pcn_name', 'sub_icb_code', 'sub_icb_name',
                        'icb_code', 'icb_name'],
      [[r['PRACTICE_CODE'], r['PRACTICE_NAME'], r['PCN_CODE'], r['PCN_NAME'], r['SUB_ICB_LOCATION_CODE'],
        r['SUB_ICB_LOCATION_NAME'], r['ICB_CODE'], r['ICB_NAME']]
       for r in csv.DictReader(open(f'{S}/gp_pcn/gp_reg_pat_prac_map_2026-08.csv'))])
write('lsoa21.csv', ['lsoa21_code', 'lsoa21_name', 'lad_code', 'lad_name', 'sub_icb_code', 'icb_code'],
      [[r['lsoa21_code'], r['lsoa21_name'], r['ltla24_code'], r['ltla24_name'], r['sicbl24_code_nhs'], r['icb24_code_nhs']]
       for r in csv.DictReader(open(f'{S}/geography/lsoa21_sicbl24_icb24_ward24_lad24_england.csv'))])
write('lsoa11_to_lsoa21.csv', ['lsoa11_code', 'lsoa21_code', 'change_code'],
      [[r['lsoa11_code'], r['lsoa21_code'], r['change_code']]
       for r in csv.DictReader(open(f'{S}/geography/lsoa11_lsoa21_lad22_england_wales.csv'))
       if r['lsoa11_code'].startswith('E')])
write('imd2019_lsoa11.csv', ['lsoa11_code', 'imd_decile', 'imd_score'],
      [[r['lsoa11_code'], r['imd_decile'], r['imd_score']]
       for r in csv.DictReader(open(f'{S}/imd/imd2019_lsoa11_england_combined.csv'))])
write('imd2025_lsoa21.csv', ['lsoa21_code', 'imd_decile', 'imd_score'],
      [[r['lsoa21_code'], r['IMD_decile'], r['IMD_score']]
       for r in csv.DictReader(open(f'{S}/imd/imd2025_lsoa21_england_scores_ranks_deciles.csv'))])
