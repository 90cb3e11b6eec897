/**
 * A deliberately small table of common drug classes, by generic name in lower case, for a first safety
 * net when prescribing. It is not a drug knowledge base: it knows no brand names, no cross-reactivity
 * between classes (a penicillin allergy does not flag a cephalosporin here; that call stays the
 * prescriber's), and only the drugs listed. Laboratory/pharmacy-grade checking would need RxNorm or ATC
 * data (ingredients and classes for every product), kept current by a terminology service.
 */
export interface DrugClass {
  readonly id: string;
  readonly display: string;
  /** What an allergy entry may say to mean the whole class. */
  readonly namedAs: readonly string[];
  /** Generic names of the class's ingredients. */
  readonly members: readonly string[];
}

export const DRUG_CLASSES: readonly DrugClass[] = [
  {
    id: 'penicillins',
    display: 'Penicillins',
    namedAs: ['penicillin', 'penicillins', 'pcn', 'penicillin antibiotics'],
    members: [
      'penicillin',
      'penicillin v',
      'penicillin g',
      'amoxicillin',
      'ampicillin',
      'piperacillin',
      'dicloxacillin',
      'flucloxacillin',
      'cloxacillin',
      'nafcillin',
      'oxacillin',
      'ticarcillin',
      'temocillin',
      'pivmecillinam',
    ],
  },
  {
    id: 'cephalosporins',
    display: 'Cephalosporins',
    namedAs: ['cephalosporin', 'cephalosporins'],
    members: [
      'cephalexin',
      'cefadroxil',
      'cefazolin',
      'cefaclor',
      'cefuroxime',
      'cefprozil',
      'cefoxitin',
      'ceftriaxone',
      'cefotaxime',
      'ceftazidime',
      'cefixime',
      'cefdinir',
      'cefpodoxime',
      'cefepime',
      'ceftaroline',
    ],
  },
  {
    id: 'sulfonamide-antibiotics',
    display: 'Sulfonamide antibiotics',
    namedAs: ['sulfa', 'sulfa drugs', 'sulfas', 'sulfonamide', 'sulfonamides', 'sulfonamide antibiotics', 'sulpha', 'sulphonamides'],
    members: ['sulfamethoxazole', 'sulfadiazine', 'sulfisoxazole', 'sulfacetamide', 'sulfasalazine', 'sulfadoxine'],
  },
  {
    id: 'macrolides',
    display: 'Macrolides',
    namedAs: ['macrolide', 'macrolides'],
    members: ['erythromycin', 'azithromycin', 'clarithromycin', 'roxithromycin'],
  },
  {
    id: 'fluoroquinolones',
    display: 'Fluoroquinolones',
    namedAs: ['fluoroquinolone', 'fluoroquinolones', 'quinolone', 'quinolones'],
    members: ['ciprofloxacin', 'levofloxacin', 'moxifloxacin', 'ofloxacin', 'norfloxacin', 'delafloxacin'],
  },
  {
    id: 'tetracyclines',
    display: 'Tetracyclines',
    namedAs: ['tetracyclines'],
    members: ['tetracycline', 'doxycycline', 'minocycline', 'oxytetracycline', 'lymecycline', 'demeclocycline'],
  },
  {
    id: 'nsaids',
    display: 'Non-steroidal anti-inflammatory drugs',
    namedAs: ['nsaid', 'nsaids', 'non-steroidal anti-inflammatory drug', 'non-steroidal anti-inflammatory drugs'],
    members: [
      'aspirin',
      'ibuprofen',
      'naproxen',
      'diclofenac',
      'ketorolac',
      'celecoxib',
      'etoricoxib',
      'indomethacin',
      'meloxicam',
      'piroxicam',
      'ketoprofen',
      'dexketoprofen',
      'flurbiprofen',
      'etodolac',
      'nabumetone',
      'sulindac',
      'mefenamic acid',
    ],
  },
  {
    id: 'opioids',
    display: 'Opioids',
    namedAs: ['opioid', 'opioids', 'opiate', 'opiates'],
    members: [
      'morphine',
      'codeine',
      'dihydrocodeine',
      'oxycodone',
      'hydrocodone',
      'hydromorphone',
      'oxymorphone',
      'fentanyl',
      'tramadol',
      'tapentadol',
      'methadone',
      'buprenorphine',
      'meperidine',
    ],
  },
  {
    id: 'ace-inhibitors',
    display: 'ACE inhibitors',
    namedAs: ['ace inhibitor', 'ace inhibitors', 'acei', 'ace-i'],
    members: ['captopril', 'enalapril', 'lisinopril', 'ramipril', 'perindopril', 'quinapril', 'benazepril', 'fosinopril', 'trandolapril'],
  },
  {
    id: 'statins',
    display: 'Statins',
    namedAs: ['statin', 'statins', 'hmg-coa reductase inhibitors'],
    members: ['atorvastatin', 'simvastatin', 'rosuvastatin', 'pravastatin', 'lovastatin', 'fluvastatin', 'pitavastatin'],
  },
];

// Names are written as people write them; the check normalises case, spacing and punctuation.

/** Other names of one ingredient (INN, BAN and USAN spellings), each to the name the classes use. */
export const SYNONYMS: Readonly<Record<string, string>> = {
  phenoxymethylpenicillin: 'penicillin v',
  benzylpenicillin: 'penicillin g',
  cefalexin: 'cephalexin',
  cefazoline: 'cefazolin',
  sulphamethoxazole: 'sulfamethoxazole',
  sulphadiazine: 'sulfadiazine',
  sulphasalazine: 'sulfasalazine',
  'acetylsalicylic acid': 'aspirin',
  indometacin: 'indomethacin',
  pethidine: 'meperidine',
  paracetamol: 'acetaminophen',
  'clavulanic acid': 'clavulanate',
};

/** Generic names of combination products, each to its ingredients. */
export const COMBINATIONS: Readonly<Record<string, readonly string[]>> = {
  'co-amoxiclav': ['amoxicillin', 'clavulanate'],
  amoxiclav: ['amoxicillin', 'clavulanate'],
  'co-trimoxazole': ['sulfamethoxazole', 'trimethoprim'],
  'tmp/smx': ['trimethoprim', 'sulfamethoxazole'],
  'co-codamol': ['codeine', 'acetaminophen'],
  'co-dydramol': ['dihydrocodeine', 'acetaminophen'],
};
