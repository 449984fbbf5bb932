// Words of the statistics figures, page and brief in the portal's languages.

/** Languages of the public statistics (the family portal's). */
export const STAT_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;
/** A language of the statistics. */
export type StatLanguage = (typeof STAT_LANGUAGES)[number];

const en = {
  pageTitle: 'Missing migrants: public statistics',
  analystTitle: 'Statistics and dangerous routes',
  intro:
    'Figures recorded by this node: missing-person reports, remains recovered and identified, and incidents with their dead, missing and survivors. Small counts are withheld so that no person can be recognised.',
  country: 'Country',
  headline: 'Headline figures',
  reports: 'Missing-person reports',
  children: 'Unaccompanied or separated children reported',
  remainsRecovered: 'Remains recovered',
  identifications: 'Remains identified',
  incidents: 'Incidents',
  dead: 'Dead',
  missing: 'Missing',
  survivors: 'Survivors',
  medianDays: 'Median days from recovery to identification',
  byYear: 'By year',
  year: 'Year',
  byRoute: 'Dead and missing by route',
  route: 'Route',
  suppressed: 'withheld',
  suppressedNote: 'Gaps and × mark figures withheld to protect people (small counts).',
  rules: (t: number, noise: boolean) =>
    `Counts below ${t} are withheld, as are further counts that would let them be worked out from totals.${noise ? ' A small random adjustment is added to each public figure.' : ''}`,
  mapTitle: 'Dangerous routes: where people died, went missing or were found',
  mapIncidents: 'Dead and missing in incidents (per grid cell)',
  mapRecoveries: 'Remains recovered',
  mapLastSeen: 'Places where missing persons were last seen',
  mapRoutes: 'Main routes (approximate)',
  hotspots: 'Hotspots (dead and missing)',
  cellNote: (cell: number, t: number) =>
    `Grid of ${cell}°; only cells counting at least ${t} are shown.`,
  mapSource: 'Map: Natural Earth (public domain), world-atlas.',
  linesTitle: 'Dead and missing per month, by route',
  barsTitle: 'Dead and missing per year',
  people: 'people',
  empty: 'Not enough data to show.',
  downloads: 'Downloads (CSV, IOM Missing Migrants Project column names)',
  language: 'Language',
  briefTitle: 'Statistical brief',
  generated: 'Generated',
};

/** The words of one language. */
export type StatLabels = typeof en;

const fr: StatLabels = {
  ...en,
  pageTitle: 'Migrants disparus : statistiques publiques',
  analystTitle: 'Statistiques et routes dangereuses',
  intro:
    'Chiffres enregistrés par ce nœud : signalements de personnes disparues, dépouilles retrouvées et identifiées, incidents avec leurs morts, disparus et survivants. Les petits effectifs sont masqués afin que personne ne puisse être reconnu.',
  country: 'Pays',
  headline: 'Chiffres clés',
  reports: 'Signalements de personnes disparues',
  children: 'Enfants non accompagnés ou séparés signalés',
  remainsRecovered: 'Dépouilles retrouvées',
  identifications: 'Dépouilles identifiées',
  incidents: 'Incidents',
  dead: 'Morts',
  missing: 'Disparus',
  survivors: 'Survivants',
  medianDays: 'Délai médian entre la découverte et l’identification (jours)',
  byYear: 'Par année',
  year: 'Année',
  byRoute: 'Morts et disparus par route',
  route: 'Route',
  suppressed: 'masqué',
  suppressedNote:
    'Les lacunes et les × signalent des chiffres masqués pour protéger les personnes.',
  rules: (t, noise) =>
    `Les effectifs inférieurs à ${t} sont masqués, ainsi que ceux qui permettraient de les retrouver à partir des totaux.${noise ? ' Un léger ajustement aléatoire est ajouté à chaque chiffre public.' : ''}`,
  mapTitle: 'Routes dangereuses : lieux de décès, de disparition et de découverte',
  mapIncidents: 'Morts et disparus lors d’incidents (par maille)',
  mapRecoveries: 'Dépouilles retrouvées',
  mapLastSeen: 'Derniers lieux où des disparus ont été vus',
  mapRoutes: 'Principales routes (approximatives)',
  hotspots: 'Points chauds (morts et disparus)',
  cellNote: (cell, t) =>
    `Maille de ${cell}° ; seules les mailles comptant au moins ${t} sont affichées.`,
  mapSource: 'Carte : Natural Earth (domaine public), world-atlas.',
  linesTitle: 'Morts et disparus par mois, par route',
  barsTitle: 'Morts et disparus par année',
  people: 'personnes',
  empty: 'Pas assez de données à afficher.',
  downloads: 'Téléchargements (CSV, colonnes du Missing Migrants Project de l’OIM)',
  language: 'Langue',
  briefTitle: 'Note statistique',
  generated: 'Produit le',
};

const es: StatLabels = {
  ...en,
  pageTitle: 'Migrantes desaparecidos: estadísticas públicas',
  analystTitle: 'Estadísticas y rutas peligrosas',
  intro:
    'Cifras registradas por este nodo: denuncias de personas desaparecidas, restos recuperados e identificados, e incidentes con sus muertos, desaparecidos y supervivientes. Las cifras pequeñas se ocultan para que nadie pueda ser reconocido.',
  country: 'País',
  headline: 'Cifras principales',
  reports: 'Denuncias de personas desaparecidas',
  children: 'Niños no acompañados o separados denunciados',
  remainsRecovered: 'Restos recuperados',
  identifications: 'Restos identificados',
  incidents: 'Incidentes',
  dead: 'Muertos',
  missing: 'Desaparecidos',
  survivors: 'Supervivientes',
  medianDays: 'Mediana de días entre la recuperación y la identificación',
  byYear: 'Por año',
  year: 'Año',
  byRoute: 'Muertos y desaparecidos por ruta',
  route: 'Ruta',
  suppressed: 'oculto',
  suppressedNote: 'Los huecos y las × indican cifras ocultas para proteger a las personas.',
  rules: (t, noise) =>
    `Las cifras inferiores a ${t} se ocultan, igual que las que permitirían deducirlas de los totales.${noise ? ' Se añade un pequeño ajuste aleatorio a cada cifra pública.' : ''}`,
  mapTitle: 'Rutas peligrosas: dónde murieron, desaparecieron o fueron hallados',
  mapIncidents: 'Muertos y desaparecidos en incidentes (por celda)',
  mapRecoveries: 'Restos recuperados',
  mapLastSeen: 'Lugares donde se vio por última vez a desaparecidos',
  mapRoutes: 'Rutas principales (aproximadas)',
  hotspots: 'Puntos críticos (muertos y desaparecidos)',
  cellNote: (cell, t) => `Cuadrícula de ${cell}°; solo se muestran celdas con al menos ${t}.`,
  mapSource: 'Mapa: Natural Earth (dominio público), world-atlas.',
  linesTitle: 'Muertos y desaparecidos por mes, por ruta',
  barsTitle: 'Muertos y desaparecidos por año',
  people: 'personas',
  empty: 'No hay datos suficientes para mostrar.',
  downloads: 'Descargas (CSV, columnas del Missing Migrants Project de la OIM)',
  language: 'Idioma',
  briefTitle: 'Nota estadística',
  generated: 'Generado el',
};

const ar: StatLabels = {
  ...en,
  pageTitle: 'المهاجرون المفقودون: إحصاءات عامة',
  analystTitle: 'الإحصاءات والطرق الخطرة',
  intro:
    'أرقام سجّلتها هذه العقدة: بلاغات عن أشخاص مفقودين، ورفات انتُشلت وتم التعرف عليها، وحوادث بأعداد الموتى والمفقودين والناجين. تُحجب الأعداد الصغيرة حتى لا يمكن التعرف على أي شخص.',
  country: 'البلد',
  headline: 'أرقام رئيسية',
  reports: 'بلاغات عن أشخاص مفقودين',
  children: 'أطفال غير مصحوبين أو منفصلون عن ذويهم',
  remainsRecovered: 'رفات منتشلة',
  identifications: 'رفات تم التعرف عليها',
  incidents: 'حوادث',
  dead: 'موتى',
  missing: 'مفقودون',
  survivors: 'ناجون',
  medianDays: 'وسيط عدد الأيام بين الانتشال والتعرف',
  byYear: 'حسب السنة',
  year: 'السنة',
  byRoute: 'الموتى والمفقودون حسب الطريق',
  route: 'الطريق',
  suppressed: 'محجوب',
  suppressedNote: 'Gaps and × mark withheld figures.',
  rules: (t, noise) =>
    `تُحجب الأعداد الأقل من ${t}، وكذلك الأعداد التي قد تسمح باستنتاجها من المجاميع.${noise ? ' ويُضاف تعديل عشوائي صغير إلى كل رقم منشور.' : ''}`,
  downloads:
    'التنزيلات (CSV، بأسماء أعمدة مشروع المهاجرين المفقودين التابع للمنظمة الدولية للهجرة)',
  language: 'اللغة',
  empty: 'لا توجد بيانات كافية للعرض.',
  briefTitle: 'موجز إحصائي',
  generated: 'تاريخ الإنشاء',
};

const ALL: Record<StatLanguage, StatLabels> = { en, fr, es, ar };

/** The words of a language (English when unknown). */
export function statLabels(lang: string): StatLabels {
  return ALL[lang as StatLanguage] ?? en;
}
