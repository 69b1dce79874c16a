// The usual currency of well-known places: the default `negotiate new` offers for a region, and the currency
// a bare "$" takes in a job posting that states its location (Toronto: CAD). Pure.

const PLACES: [RegExp, string][] = [
  [
    /\b(?:toronto|vancouver|montr[eé]al|ottawa|calgary|waterloo|edmonton|canada|ontario|british columbia|quebec)\b/i,
    'CAD',
  ],
  [/\b(?:sydney|melbourne|brisbane|perth|canberra|australia)\b/i, 'AUD'],
  [/\b(?:auckland|wellington|new zealand)\b/i, 'NZD'],
  [/\b(?:singapore)\b/i, 'SGD'],
  [/\b(?:hong kong)\b/i, 'HKD'],
  [/\b(?:mexico city|guadalajara|monterrey|mexico)\b/i, 'MXN'],
  [/\b(?:taipei|taiwan)\b/i, 'TWD'],
  [
    /\b(?:london|manchester|edinburgh|cambridge, uk|oxford|bristol|glasgow|belfast|united kingdom|\buk\b|england|scotland)\b/i,
    'GBP',
  ],
  [/\b(?:z[uü]rich|geneva|gen[eè]ve|basel|lausanne|bern|switzerland)\b/i, 'CHF'],
  [/\b(?:stockholm|gothenburg|malm[oö]|sweden)\b/i, 'SEK'],
  [/\b(?:oslo|norway)\b/i, 'NOK'],
  [/\b(?:copenhagen|denmark)\b/i, 'DKK'],
  [/\b(?:warsaw|krak[oó]w|wroc[lł]aw|poland)\b/i, 'PLN'],
  [/\b(?:tel aviv|haifa|jerusalem|israel)\b/i, 'ILS'],
  [/\b(?:tokyo|osaka|kyoto|japan)\b/i, 'JPY'],
  [/\b(?:seoul|korea)\b/i, 'KRW'],
  [/\b(?:bangalore|bengaluru|hyderabad|mumbai|pune|chennai|delhi|gurgaon|gurugram|noida|india)\b/i, 'INR'],
  [/\b(?:s[aã]o paulo|rio de janeiro|brazil)\b/i, 'BRL'],
  [
    /\b(?:berlin|munich|m[uü]nchen|hamburg|frankfurt|amsterdam|rotterdam|paris|lyon|dublin|madrid|barcelona|lisbon|milan|rome|vienna|brussels|helsinki|tallinn|athens|germany|france|netherlands|ireland|spain|portugal|italy|austria|belgium|finland|estonia)\b/i,
    'EUR',
  ],
  [
    /\b(?:san francisco|sf bay|bay area|new york|nyc|seattle|austin|boston|chicago|los angeles|denver|atlanta|miami|washington|portland|san jose|mountain view|palo alto|sunnyvale|san diego|dallas|houston|phoenix|pittsburgh|raleigh|salt lake|minneapolis|philadelphia|remote \(us\)|remote,? us|united states|\busa?\b|california|colorado|new jersey|texas)\b/i,
    'USD',
  ],
];

/** The usual currency of a place ("Toronto" → CAD, "London" → GBP), or null when it is not one we know. */
export function usualCurrency(place: string): string | null {
  for (const [re, code] of PLACES) if (re.test(place)) return code;
  return null;
}
