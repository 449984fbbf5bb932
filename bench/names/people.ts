// The people of the benchmark (given, [father], family from one pool) with their nicknames,
// and how their spellings are produced: the native script (when every name has one), the
// English, French and Italian conventions, two other attested forms, and the English form
// with the family name first. Nicknames are queried apart and are not expected to be found.
import {
  AMHARIC,
  KURDISH,
  MAGHREB,
  MASHRIQ,
  PASHTO,
  PERSIAN,
  SOMALI,
  SUDAN,
  TIGRINYA,
  URDU,
  WEST_AFRICA,
  type Lexeme,
} from './lexicon.js';

/** A pool of names from one region, with the script its native spellings are written in. */
export interface Region {
  code: string;
  script: 'Arab' | 'Ethi' | 'Nkoo';
  pool: Record<string, Lexeme>;
}

export const REGIONS: Region[] = [
  { code: 'maghreb', script: 'Arab', pool: MAGHREB },
  { code: 'mashriq', script: 'Arab', pool: MASHRIQ },
  { code: 'sudan', script: 'Arab', pool: SUDAN },
  { code: 'persian', script: 'Arab', pool: PERSIAN },
  { code: 'pashto', script: 'Arab', pool: PASHTO },
  { code: 'urdu', script: 'Arab', pool: URDU },
  { code: 'kurdish', script: 'Arab', pool: KURDISH },
  { code: 'tigrinya', script: 'Ethi', pool: TIGRINYA },
  { code: 'amharic', script: 'Ethi', pool: AMHARIC },
  { code: 'somali', script: 'Arab', pool: SOMALI },
  { code: 'westafrica', script: 'Nkoo', pool: WEST_AFRICA },
];

/** A person: region, names (given first, family last), nicknames. */
export interface Person {
  region: string;
  names: string[];
  nicknames?: string[];
}

const P = (region: string, names: string, ...nicknames: string[]): Person => ({
  region,
  names: names.split(' '),
  nicknames,
});

export const PEOPLE: Person[] = [
  P('maghreb', 'mohamed benali', 'Hamoudi'),
  P('maghreb', 'fatima zahra bouzid', 'Titi'),
  P('maghreb', 'abderrahmane amrani'),
  P('maghreb', 'youssef abdelkader idrissi', 'Jojo'),
  P('maghreb', 'aicha mansouri'),
  P('maghreb', 'salaheddine haddad', 'Salah'),
  P('maghreb', 'noureddine belkacem'),
  P('maghreb', 'khadija cherif'),
  P('maghreb', 'mustapha ouldabdallah'),
  P('maghreb', 'hicham zitouni'),
  P('maghreb', 'meriem ouali'),
  P('maghreb', 'brahim rachid benali'),
  P('maghreb', 'naima idrissi'),
  P('maghreb', 'yassine tarek haddad'),
  P('mashriq', 'mahmoud hussaini', 'Abu Ali'),
  P('mashriq', 'hussein jafar khatib'),
  P('mashriq', 'zainab masri'),
  P('mashriq', 'ammar shami'),
  P('mashriq', 'osama abdullah obaidi'),
  P('mashriq', 'layla jabouri'),
  P('mashriq', 'haidar ali darwish'),
  P('mashriq', 'jamal rashid'),
  P('mashriq', 'rania nasrallah'),
  P('mashriq', 'zakir zubaidi'),
  P('mashriq', 'ghada dhahabi'),
  P('mashriq', 'khaled walid hassan'),
  P('mashriq', 'noor ziad hussaini'),
  P('sudan', 'osman elfatih babiker'),
  P('sudan', 'abdelrahim mubarak elhassan'),
  P('sudan', 'hawa adam eltayeb'),
  P('sudan', 'omer yahia elnour'),
  P('sudan', 'amna ishag abakar'),
  P('sudan', 'elsadig haroun'),
  P('sudan', 'nafisa elamin suleiman'),
  P('sudan', 'hamad osman elhassan'),
  P('persian', 'hossein rezaei', 'Hossi'),
  P('persian', 'zohreh hosseini'),
  P('persian', 'mohammad reza karimi'),
  P('persian', 'fatemeh jafari'),
  P('persian', 'mehdi sadeghi'),
  P('persian', 'maryam moradi'),
  P('persian', 'javad hashemi'),
  P('persian', 'gholam ruhollah nazari'),
  P('persian', 'shirin soltani'),
  P('persian', 'morteza heydari'),
  P('persian', 'soraya rahmani'),
  P('persian', 'farhad ghaderi'),
  P('pashto', 'naqibullah stanikzai'),
  P('pashto', 'zalmai popalzai'),
  P('pashto', 'hekmatullah mohmand'),
  P('pashto', 'rahmatullah safi'),
  P('pashto', 'mirwais zadran'),
  P('pashto', 'samiullah yousafzai'),
  P('pashto', 'ajmal gul niazi'),
  P('pashto', 'habibullah wardak'),
  P('urdu', 'imran chaudhry', 'Immi'),
  P('urdu', 'usman qureshi'),
  P('urdu', 'ayesha siddiqui'),
  P('urdu', 'bilal iqbal malik'),
  P('urdu', 'zubair akhtar'),
  P('urdu', 'shahid mirza'),
  P('kurdish', 'rebwar barzani'),
  P('kurdish', 'sherko qadir talabani'),
  P('kurdish', 'shilan zebari'),
  P('kurdish', 'dilshad salih'),
  P('kurdish', 'berivan ahmed_ku'),
  P('kurdish', 'jwan hasan_ku'),
  P('tigrinya', 'yohannes tesfay gebremedhin', 'Jo'),
  P('tigrinya', 'saba woldemichael'),
  P('tigrinya', 'mehari kidane gebreyesus'),
  P('tigrinya', 'yonas berhane tewolde'),
  P('tigrinya', 'senait kahsay'),
  P('tigrinya', 'filmon tekle asmerom'),
  P('tigrinya', 'luwam tesfamariam'),
  P('tigrinya', 'tsegay habtom weldu'),
  P('tigrinya', 'freweini mebrahtu'),
  P('tigrinya', 'kibrom ghirmay gebrehiwet'),
  P('amharic', 'abebe kebede'),
  P('amharic', 'tigist alemu woldemariam'),
  P('amharic', 'getachew tadesse'),
  P('amharic', 'almaz hailemariam'),
  P('amharic', 'dereje mulugeta negash'),
  P('amharic', 'hirut bekele'),
  P('amharic', 'mesfin assefa mengistu'),
  P('amharic', 'mekdes worku'),
  P('somali', 'maxamed abdi xasan', 'Dheere'),
  P('somali', 'faadumo cali warsame'),
  P('somali', 'cabdiraxmaan cumar jaamac'),
  P('somali', 'xaliimo cabdullaahi nuur'),
  P('somali', 'yuusuf xuseen cismaan'),
  P('somali', 'hodan aadan xirsi'),
  P('somali', 'guuleed faarax cilmi'),
  P('westafrica', 'mamadou diallo', 'Madou'),
  P('westafrica', 'fatoumata ndiaye'),
  P('westafrica', 'ousmane traore'),
  P('westafrica', 'ibrahima sow'),
  P('westafrica', 'aminata keita'),
  P('westafrica', 'chinedu okafor'),
  P('westafrica', 'emeka nwosu okonkwo'),
  P('westafrica', 'moussa kouyate'),
  P('westafrica', 'abdoulaye camara'),
  P('westafrica', 'oluwaseun adebayo', 'Seun'),
  P('westafrica', 'kadiatou balde'),
  P('westafrica', 'boubacar konate'),
  P('westafrica', 'aliou sesay'),
];

/** The conventions a spelling is written in; "native" is the region's own script. */
export const CONVENTIONS = ['native', 'en', 'fr', 'it', 'alt1', 'alt2', 'en-reversed'] as const;
export type Convention = (typeof CONVENTIONS)[number];

function form(l: Lexeme, c: Convention): string | undefined {
  switch (c) {
    case 'native':
      return l.native;
    case 'en':
    case 'en-reversed':
      return l.en;
    case 'fr':
      return l.fr ?? l.en;
    case 'it':
      return l.it ?? l.fr ?? l.en;
    case 'alt1':
      return l.alt?.[0] ?? l.fr ?? l.en;
    case 'alt2':
      return l.alt?.[1] ?? l.alt?.[0] ?? l.en;
  }
}

/** One spelling of a person: the words of each name entry, its script and convention. */
export interface Spelling {
  convention: Convention;
  script: string;
  parts: string[];
}

/** The distinct spellings of names (lexeme keys) of one region. */
export function spellingsOf(region: Region, names: string[]): Spelling[] {
  const out: Spelling[] = [];
  const seen = new Set<string>();
  for (const c of CONVENTIONS) {
    const parts = names.map((n) => {
      const l = region.pool[n];
      if (!l) {
        throw new Error(`no name ${n} in ${region.code}`);
      }
      return form(l, c);
    });
    if (parts.some((p) => p === undefined)) {
      continue;
    }
    const ordered = c === 'en-reversed' ? [parts.at(-1)!, ...parts.slice(0, -1)] : parts;
    const text = ordered.join(' ');
    if (seen.has(text)) {
      continue;
    }
    seen.add(text);
    out.push({
      convention: c,
      script: c === 'native' ? region.script : 'Latn',
      parts: ordered as string[],
    });
  }
  return out;
}
