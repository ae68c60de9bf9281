/**
 * CVX vaccine codes in use (CDC "Vaccines administered" code set): every COVID-19 code and the common childhood and
 * adult vaccines. Shipped into the `vaccine_code` table by a migration; importers refuse codes not listed here.
 */
export type VaccineGroup =
  | 'covid19' | 'influenza' | 'mmr' | 'dtap' | 'tdap_td' | 'hepb' | 'hepa' | 'hib' | 'polio' | 'pneumococcal'
  | 'varicella' | 'rotavirus' | 'hpv' | 'meningococcal' | 'zoster' | 'rsv' | 'mpox';

export interface VaccineCode {
  cvx: string;
  display: string;
  group: VaccineGroup;
}

const covid = (cvx: string, display: string): VaccineCode => ({ cvx, display, group: 'covid19' });
const flu = (cvx: string, display: string): VaccineCode => ({ cvx, display, group: 'influenza' });

export const VACCINE_CODES: readonly VaccineCode[] = [
  covid('207', 'COVID-19, mRNA, LNP-S, PF, 100 mcg/0.5 mL dose (Moderna)'),
  covid('208', 'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose (Pfizer-BioNTech)'),
  covid('210', 'COVID-19 vaccine, vector-nr, rS-ChAdOx1, PF, 0.5 mL (AstraZeneca)'),
  covid('211', 'COVID-19, subunit, rS-nanoparticle+Matrix-M1 adjuvant, PF, 0.5 mL (Novavax)'),
  covid('212', 'COVID-19 vaccine, vector-nr, rS-Ad26, PF, 0.5 mL (Janssen)'),
  covid('213', 'SARS-COV-2 (COVID-19) vaccine, unspecified formulation'),
  covid('217', 'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose, tris-sucrose (Pfizer-BioNTech)'),
  covid('218', 'COVID-19, mRNA, LNP-S, PF, 10 mcg/0.2 mL dose, tris-sucrose (Pfizer-BioNTech, 5-11 years)'),
  covid('219', 'COVID-19, mRNA, LNP-S, PF, 3 mcg/0.2 mL dose, tris-sucrose (Pfizer-BioNTech, 6 months-4 years)'),
  covid('221', 'COVID-19, mRNA, LNP-S, PF, 50 mcg/0.5 mL dose (Moderna booster)'),
  covid('228', 'COVID-19, mRNA, LNP-S, PF, 25 mcg/0.25 mL dose (Moderna, 6 months-5 years)'),
  covid('229', 'COVID-19, mRNA, LNP-S, bivalent, PF, 50 mcg/0.5 mL (Moderna)'),
  covid('230', 'COVID-19, mRNA, LNP-S, bivalent, PF, 10 mcg/0.2 mL (Moderna, 6 months-5 years)'),
  covid('300', 'COVID-19, mRNA, LNP-S, bivalent, PF, 30 mcg/0.3 mL (Pfizer-BioNTech)'),
  covid('301', 'COVID-19, mRNA, LNP-S, bivalent, PF, 10 mcg/0.2 mL (Pfizer-BioNTech, 5-11 years)'),
  covid('302', 'COVID-19, mRNA, LNP-S, bivalent, PF, 3 mcg/0.2 mL (Pfizer-BioNTech, 6 months-4 years)'),
  covid('308', 'COVID-19, mRNA, LNP-S, PF, 3 mcg/0.3 mL, 2023-2024 formula (Pfizer-BioNTech, 6 months-4 years)'),
  covid('309', 'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL, 2023-2024 formula (Pfizer-BioNTech, 12 years+)'),
  covid('310', 'COVID-19, mRNA, LNP-S, PF, 10 mcg/0.3 mL, 2023-2024 formula (Pfizer-BioNTech, 5-11 years)'),
  covid('311', 'COVID-19, mRNA, LNP-S, PF, 25 mcg/0.25 mL, 2023-2024 formula (Moderna, 6 months-11 years)'),
  covid('312', 'COVID-19, mRNA, LNP-S, PF, 50 mcg/0.5 mL, 2023-2024 formula (Moderna, 12 years+)'),
  covid('313', 'COVID-19, subunit, adjuvanted, PF, 5 mcg/0.5 mL, 2023-2024 formula (Novavax)'),
  ...['500', '501', '502', '503', '504', '505', '506', '507', '508', '509', '510', '511', '512', '513', '514', '515', '516', '517']
    .map((c) => covid(c, `COVID-19 vaccine, non-US product (WHO-listed or trial), CVX ${c}`)),
  flu('88', 'Influenza virus vaccine, unspecified formulation'),
  flu('140', 'Influenza, seasonal, injectable, preservative free'),
  flu('141', 'Influenza, seasonal, injectable'),
  flu('150', 'Influenza, injectable, quadrivalent, preservative free'),
  flu('153', 'Influenza, injectable, MDCK, preservative free'),
  flu('155', 'Influenza, recombinant, injectable, preservative free'),
  flu('158', 'Influenza, injectable, quadrivalent, contains preservative'),
  flu('161', 'Influenza, injectable, quadrivalent, preservative free, pediatric'),
  flu('166', 'Influenza, intradermal, quadrivalent, preservative free'),
  flu('168', 'Influenza, trivalent, adjuvanted'),
  flu('171', 'Influenza, injectable, MDCK, preservative free, quadrivalent'),
  flu('185', 'Influenza, recombinant, quadrivalent, injectable, preservative free'),
  flu('186', 'Influenza, injectable, MDCK, quadrivalent, preservative'),
  flu('197', 'Influenza, high-dose, quadrivalent'),
  flu('205', 'Influenza, seasonal, quadrivalent, adjuvanted, injectable, preservative free'),
  flu('111', 'Influenza, live, intranasal'),
  flu('149', 'Influenza, live, intranasal, quadrivalent'),
  { cvx: '03', display: 'MMR (measles, mumps and rubella virus vaccine)', group: 'mmr' },
  { cvx: '94', display: 'MMRV (measles, mumps, rubella and varicella)', group: 'mmr' },
  { cvx: '20', display: 'DTaP (diphtheria, tetanus toxoids and acellular pertussis)', group: 'dtap' },
  { cvx: '106', display: 'DTaP, 5 pertussis antigens', group: 'dtap' },
  { cvx: '110', display: 'DTaP-hepatitis B and poliovirus vaccine', group: 'dtap' },
  { cvx: '120', display: 'DTaP-Hib-IPV', group: 'dtap' },
  { cvx: '130', display: 'DTaP-IPV', group: 'dtap' },
  { cvx: '146', display: 'DTaP-IPV-Hib-HepB', group: 'dtap' },
  { cvx: '115', display: 'Tdap (tetanus toxoid, reduced diphtheria toxoid and acellular pertussis)', group: 'tdap_td' },
  { cvx: '113', display: 'Td (adult), preservative free', group: 'tdap_td' },
  { cvx: '139', display: 'Td (adult), unspecified formulation', group: 'tdap_td' },
  { cvx: '08', display: 'Hepatitis B vaccine, pediatric or pediatric/adolescent dosage', group: 'hepb' },
  { cvx: '43', display: 'Hepatitis B vaccine, adult dosage', group: 'hepb' },
  { cvx: '45', display: 'Hepatitis B vaccine, unspecified formulation', group: 'hepb' },
  { cvx: '189', display: 'Hepatitis B vaccine (recombinant), CpG adjuvanted', group: 'hepb' },
  { cvx: '83', display: 'Hepatitis A vaccine, pediatric/adolescent dosage, 2 dose schedule', group: 'hepa' },
  { cvx: '52', display: 'Hepatitis A vaccine, adult dosage', group: 'hepa' },
  { cvx: '85', display: 'Hepatitis A vaccine, unspecified formulation', group: 'hepa' },
  { cvx: '48', display: 'Hib (PRP-T)', group: 'hib' },
  { cvx: '49', display: 'Hib (PRP-OMP)', group: 'hib' },
  { cvx: '17', display: 'Hib, unspecified formulation', group: 'hib' },
  { cvx: '10', display: 'IPV (poliovirus vaccine, inactivated)', group: 'polio' },
  { cvx: '133', display: 'Pneumococcal conjugate vaccine, 13 valent', group: 'pneumococcal' },
  { cvx: '215', display: 'Pneumococcal conjugate vaccine, 15 valent', group: 'pneumococcal' },
  { cvx: '216', display: 'Pneumococcal conjugate vaccine, 20 valent', group: 'pneumococcal' },
  { cvx: '33', display: 'Pneumococcal polysaccharide vaccine, 23 valent', group: 'pneumococcal' },
  { cvx: '21', display: 'Varicella (chickenpox) vaccine', group: 'varicella' },
  { cvx: '116', display: 'Rotavirus, live, pentavalent, oral', group: 'rotavirus' },
  { cvx: '119', display: 'Rotavirus, live, monovalent, oral', group: 'rotavirus' },
  { cvx: '165', display: 'Human papillomavirus 9-valent vaccine', group: 'hpv' },
  { cvx: '137', display: 'HPV, unspecified formulation', group: 'hpv' },
  { cvx: '114', display: 'Meningococcal polysaccharide (groups A, C, Y and W-135) diphtheria toxoid conjugate (MenACWY-D)', group: 'meningococcal' },
  { cvx: '136', display: 'Meningococcal oligosaccharide (groups A, C, Y and W-135) diphtheria toxoid conjugate (MenACWY-CRM)', group: 'meningococcal' },
  { cvx: '203', display: 'Meningococcal (groups A, C, Y, W) polysaccharide conjugate, tetanus toxoid carrier (MenACWY-TT)', group: 'meningococcal' },
  { cvx: '162', display: 'Meningococcal B vaccine, fully recombinant', group: 'meningococcal' },
  { cvx: '163', display: 'Meningococcal B vaccine, recombinant, OMV, adjuvanted', group: 'meningococcal' },
  { cvx: '187', display: 'Zoster vaccine recombinant', group: 'zoster' },
  { cvx: '121', display: 'Zoster vaccine, live', group: 'zoster' },
  { cvx: '303', display: 'Respiratory syncytial virus (RSV) vaccine, adjuvanted', group: 'rsv' },
  { cvx: '305', display: 'Respiratory syncytial virus (RSV) vaccine, bivalent, protein subunit', group: 'rsv' },
  { cvx: '306', display: 'Respiratory syncytial virus (RSV) monoclonal antibody (nirsevimab), 50 mg', group: 'rsv' },
  { cvx: '307', display: 'Respiratory syncytial virus (RSV) monoclonal antibody (nirsevimab), 100 mg', group: 'rsv' },
  { cvx: '206', display: 'Smallpox and monkeypox vaccine, live, non-replicating', group: 'mpox' },
];

const BY_CODE = new Map(VACCINE_CODES.map((v) => [v.cvx, v]));

export function vaccineCode(cvx: string): VaccineCode | undefined {
  return BY_CODE.get(cvx);
}

/** MVX manufacturer codes seen with the vaccines above. */
export const MVX_CODES: Readonly<Record<string, string>> = {
  PFR: 'Pfizer, Inc', MOD: 'Moderna US, Inc.', JSN: 'Janssen', NVX: 'Novavax, Inc.', ASZ: 'AstraZeneca',
  SKB: 'GlaxoSmithKline', PMC: 'Sanofi Pasteur', MSD: 'Merck and Co., Inc.', SEQ: 'Seqirus', MED: 'MedImmune, Inc.',
  PFE: 'Pfizer (Wyeth)', BN: 'Bavarian Nordic A/S',
};
