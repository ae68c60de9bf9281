/**
 * Named administering sites: "Name|kind|regions|weight". Kinds: hosp (hospital clinics), chc (community health
 * centers), mass (2021 mass vaccination sites), peds (pediatric hospitals). Regions as in places.ts. Pharmacies,
 * boards of health and medical practices are generated per city from the patterns below.
 */
export const SITES = `
Massachusetts General Hospital|hosp|BI|10
Brigham and Women's Hospital|hosp|BI|8
Boston Medical Center|hosp|B|8
Beth Israel Deaconess Medical Center|hosp|BI|7
Tufts Medical Center|hosp|B|5
Mount Auburn Hospital|hosp|B|3
Cambridge Health Alliance|hosp|BI|5
St. Elizabeth's Medical Center|hosp|B|3
Boston Children's Hospital|peds|BI|6
Lahey Hospital & Medical Center|hosp|IN|5
Newton-Wellesley Hospital|hosp|IB|4
South Shore Hospital|hosp|I|5
MelroseWakefield Hospital|hosp|I|3
Beth Israel Deaconess Hospital-Milton|hosp|IB|2
Winchester Hospital|hosp|I|3
Lowell General Hospital|hosp|N|5
Lawrence General Hospital|hosp|N|4
Salem Hospital|hosp|NI|4
Beverly Hospital|hosp|N|3
Anna Jaques Hospital|hosp|N|2
Holy Family Hospital|hosp|N|2
Emerson Hospital|hosp|N|2
HealthAlliance-Clinton Hospital|hosp|N|2
Heywood Hospital|hosp|N|2
UMass Memorial Medical Center|hosp|C|8
Saint Vincent Hospital|hosp|C|4
MetroWest Medical Center|hosp|C|3
Milford Regional Medical Center|hosp|C|3
Marlborough Hospital|hosp|C|2
Signature Healthcare Brockton Hospital|hosp|S|4
Good Samaritan Medical Center|hosp|S|3
Southcoast Health St. Luke's Hospital|hosp|S|4
Southcoast Health Charlton Memorial Hospital|hosp|S|4
Morton Hospital|hosp|S|2
Sturdy Memorial Hospital|hosp|S|2
Cape Cod Hospital|hosp|S|3
Falmouth Hospital|hosp|S|2
Beth Israel Deaconess Hospital-Plymouth|hosp|S|2
Baystate Medical Center|hosp|W|8
Mercy Medical Center|hosp|W|4
Holyoke Medical Center|hosp|W|3
Cooley Dickinson Hospital|hosp|W|3
Berkshire Medical Center|hosp|W|4
Baystate Franklin Medical Center|hosp|W|2
East Boston Neighborhood Health Center|chc|B|5
Codman Square Health Center|chc|B|3
DotHouse Health|chc|B|3
Whittier Street Health Center|chc|B|3
Mattapan Community Health Center|chc|B|2
South End Community Health Center|chc|B|2
Fenway Health|chc|B|2
Harbor Health Services|chc|BI|2
Lynn Community Health Center|chc|I|3
Greater Lawrence Family Health Center|chc|N|4
Lowell Community Health Center|chc|N|4
North Shore Community Health|chc|N|2
Family Health Center of Worcester|chc|C|3
Edward M. Kennedy Community Health Center|chc|C|3
Brockton Neighborhood Health Center|chc|S|3
Greater New Bedford Community Health Center|chc|S|3
HealthFirst Family Care Center|chc|S|2
Outer Cape Health Services|chc|S|1
Caring Health Center|chc|W|3
Holyoke Health Center|chc|W|2
Community Health Center of Franklin County|chc|W|2
Gillette Stadium Mass Vaccination Site|mass|SIB|10
Fenway Park Mass Vaccination Site|mass|B|4
Hynes Convention Center Mass Vaccination Site|mass|BI|8
Reggie Lewis Center Mass Vaccination Site|mass|B|6
DoubleTree Hotel Danvers Mass Vaccination Site|mass|NI|8
Eastfield Mall Mass Vaccination Site|mass|W|8
Natick Mall Mass Vaccination Site|mass|CI|8
DCU Center Mass Vaccination Site|mass|C|8
Former Circuit City Dartmouth Mass Vaccination Site|mass|S|6
Cape Cod Community College Vaccination Site|mass|S|2
`;

/** Chain pharmacies: name, store-number digits, regions (empty = everywhere), weight, stores per city. */
export const PHARMACY_CHAINS: readonly { name: string; digits: number; regions: string; weight: number; stores: number }[] = [
  { name: 'CVS Pharmacy', digits: 4, regions: '', weight: 46, stores: 2 },
  { name: 'Walgreens', digits: 5, regions: '', weight: 22, stores: 1 },
  { name: 'Stop & Shop Pharmacy', digits: 3, regions: 'BISC', weight: 10, stores: 1 },
  { name: 'Big Y Pharmacy', digits: 2, regions: 'WC', weight: 9, stores: 1 },
  { name: 'Price Chopper Pharmacy', digits: 3, regions: 'W', weight: 5, stores: 1 },
  { name: 'Hannaford Pharmacy', digits: 4, regions: 'N', weight: 4, stores: 1 },
  { name: 'Walmart Pharmacy', digits: 4, regions: '', weight: 5, stores: 1 },
  { name: 'Costco Pharmacy', digits: 3, regions: 'ICNS', weight: 2, stores: 1 },
  { name: 'Wegmans Pharmacy', digits: 3, regions: 'IC', weight: 2, stores: 1 },
];

/** Practice groups by region ("{city}" is replaced by the person's city). */
export const PRACTICES: Readonly<Record<string, readonly string[]>> = {
  B: ['Atrius Health - {city}', 'MGH Primary Care - {city}', '{city} Family Medicine', 'Internal Medicine Associates of {city}'],
  I: ['Atrius Health - {city}', 'Beth Israel Lahey Primary Care - {city}', '{city} Family Medicine', 'Internal Medicine Associates of {city}'],
  N: ['Lahey Primary Care - {city}', '{city} Family Practice', 'Merrimack Valley Medical Associates', 'Internal Medicine Associates of {city}'],
  C: ['Reliant Medical Group - {city}', 'UMass Memorial Primary Care - {city}', '{city} Family Practice', 'Fallon Health - {city}'],
  S: ['Southcoast Primary Care - {city}', 'Harbor Medical Associates - {city}', '{city} Family Practice', 'Internal Medicine Associates of {city}'],
  W: ['Baystate Primary Care - {city}', 'Valley Medical Group - {city}', '{city} Family Practice', 'Berkshire Health Systems Primary Care'],
};

export const PEDIATRIC_PRACTICES: readonly string[] = ['Pediatric Associates of {city}', '{city} Pediatrics', 'Children\'s Health Associates - {city}'];
