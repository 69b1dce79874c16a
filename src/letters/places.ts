// The currency of a place a letter names, for a shared symbol ("$" in Toronto is CAD). Pure data.

const PLACES: [RegExp, string][] = [
  [
    /\b(?:canada|toronto|vancouver|montr[eé]al|ottawa|calgary|edmonton|waterloo|kitchener|qu[eé]bec|winnipeg|halifax|ontario|british columbia|alberta)\b/i,
    'CAD',
  ],
  [/,\s*(?:ON|BC|QC|AB|MB|NS)\b/, 'CAD'],
  [/\b(?:australia|sydney|melbourne|brisbane|perth|adelaide|canberra|NSW|VIC)\b/i, 'AUD'],
  [/\b(?:new zealand|auckland|wellington|christchurch)\b/i, 'NZD'],
  [/\b(?:singapore)\b/i, 'SGD'],
  [/\b(?:hong kong)\b/i, 'HKD'],
  [/\b(?:mexico|m[eé]xico|guadalajara|monterrey)\b/i, 'MXN'],
  [/\b(?:taiwan|taipei)\b/i, 'TWD'],
  [/\b(?:sweden|stockholm|gothenburg|göteborg|malmö|malmo)\b/i, 'SEK'],
  [/\b(?:norway|oslo|bergen|trondheim)\b/i, 'NOK'],
  [/\b(?:denmark|copenhagen|københavn|aarhus)\b/i, 'DKK'],
  [/\b(?:iceland|reykjav[ií]k)\b/i, 'ISK'],
  [/\b(?:japan|tokyo|osaka|kyoto|fukuoka)\b/i, 'JPY'],
  [/\b(?:china|beijing|shanghai|shenzhen|hangzhou|guangzhou)\b/i, 'CNY'],
  [
    /\b(?:united kingdom|uk|england|scotland|wales|london|manchester|edinburgh|cambridge, uk|bristol|glasgow|leeds|birmingham, uk)\b/i,
    'GBP',
  ],
  [
    /\b(?:germany|deutschland|berlin|munich|münchen|hamburg|frankfurt|cologne|köln|stuttgart|düsseldorf|france|paris|netherlands|amsterdam|ireland|dublin|spain|madrid|barcelona|italy|milan|rome|austria|vienna|wien|portugal|lisbon|belgium|brussels|finland|helsinki)\b/i,
    'EUR',
  ],
  [/\b(?:switzerland|zürich|zurich|geneva|genève|basel|lausanne|bern)\b/i, 'CHF'],
  [
    /\b(?:india|bengaluru|bangalore|mumbai|hyderabad|pune|chennai|delhi|new delhi|gurgaon|gurugram|noida|kolkata)\b/i,
    'INR',
  ],
  [
    /\b(?:united states|usa|u\.s\.a?\.?|new york|san francisco|seattle|austin|boston|chicago|los angeles|denver|atlanta|remote[- ]us)\b/i,
    'USD',
  ],
  [/,\s*(?:CA|NY|WA|TX|MA|IL|CO|GA|OR|NC|VA|NJ|PA|FL)\b/, 'USD'],
];

/** The currency of the place named, if the place is known. */
export function currencyOfPlace(place: string): string | undefined {
  return PLACES.find(([re]) => re.test(place))?.[1];
}
