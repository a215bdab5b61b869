/**
 * Deterministic, fictional demo people. Names are common US given and family names; phone numbers
 * use the 555-01xx fictional range; emails use the reserved example.com domain.
 */
const givenFemale = [
  'Olivia',
  'Emma',
  'Ava',
  'Sophia',
  'Isabella',
  'Mia',
  'Amelia',
  'Harper',
  'Evelyn',
  'Abigail',
  'Ella',
  'Grace',
  'Chloe',
  'Camila',
  'Maria',
  'Aaliyah',
  'Priya',
  'Mei',
  'Fatima',
  'Rosa',
  'Hannah',
  'Zoe',
  'Nora',
  'Leah',
  'Lucia',
];
const givenMale = [
  'Liam',
  'Noah',
  'Oliver',
  'Elijah',
  'James',
  'William',
  'Benjamin',
  'Lucas',
  'Henry',
  'Theodore',
  'Mateo',
  'Jack',
  'Daniel',
  'Samuel',
  'David',
  'Joseph',
  'Carlos',
  'Wei',
  'Omar',
  'Arjun',
  'Isaac',
  'Miguel',
  'Andre',
  'Kenji',
  'Tomas',
];
const family = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Rivera',
  'Campbell',
  'Mitchell',
  'Carter',
  'Roberts',
  'Patel',
  'Kim',
  'Chen',
  'Okafor',
  'Haddad',
  'Novak',
  "O'Brien",
  'Schmidt',
  'Rossi',
  'Silva',
];
const streets = [
  'Maple Ave',
  'Oak St',
  'Cedar Ln',
  'Elm St',
  'Pine Rd',
  'Lakeview Dr',
  'Hillcrest Rd',
  'Washington St',
  'Park Pl',
  'River Rd',
  'Sunset Blvd',
  'Willow Way',
  'Highland Ave',
  'Meadow Ln',
  'Church St',
];
const areaCodes = ['217', '307', '503', '608', '615', '512', '978', '910'];
const cities: [string, string, string][] = [
  ['Springfield', 'IL', '62704'],
  ['Riverton', 'WY', '82501'],
  ['Fairview', 'OR', '97024'],
  ['Madison', 'WI', '53703'],
  ['Franklin', 'TN', '37064'],
  ['Georgetown', 'TX', '78626'],
  ['Salem', 'MA', '01970'],
  ['Clinton', 'NC', '28328'],
];

/** A small fast PRNG (mulberry32) so the demo data is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface FakePerson {
  firstName: string;
  lastName: string;
  preferredName: string | null;
  sex: 'female' | 'male';
  dateOfBirth: string;
  email: string | null;
  phone: string | null;
  addressLine1: string;
  city: string;
  region: string;
  postalCode: string;
}

export function fakePerson(random: () => number, index: number): FakePerson {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const sex = random() < 0.5 ? 'female' : 'male';
  const firstName = pick(sex === 'female' ? givenFemale : givenMale);
  const lastName = pick(family);
  // Ages 14–90 so demo patients can be invited (no accounts under 13).
  const year = 1936 + Math.floor(random() * 76);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const [city, region, postalCode] = pick(cities);
  const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
  return {
    firstName,
    lastName,
    preferredName: random() < 0.08 ? firstName.slice(0, 3) : null,
    sex,
    dateOfBirth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    email: random() < 0.9 ? `${local}${index}@example.com` : null,
    // Fictional numbers: NXX 555, line 0100–0199.
    phone:
      random() < 0.85
        ? `+1${pick(areaCodes)}55501${String(Math.floor(random() * 100)).padStart(2, '0')}`
        : null,
    addressLine1: `${10 + Math.floor(random() * 9000)} ${pick(streets)}`,
    city,
    region,
    postalCode,
  };
}
