// Reference data: countries, blocs with membership over time, currencies, the HS nomenclature.

export { registerReferenceCommands } from './cli.js';
export { LANGUAGES, type Language } from './data/countries.js';
export { HS_BUILTIN_VERSION, HS_CHAPTERS, HS_SECTIONS } from './data/hs-chapters.js';
export { importHs, parseHsRow } from './hs-import.js';
export { hsCodesByTitle, hsTitlesHold } from './hs-words.js';
export { ensureReferenceData } from './load.js';
export * from './model.js';
export { referenceRoutes } from './routes.js';
export {
  blocMembersOn,
  browseHs,
  countryResolver,
  findHsCodes,
  getBloc,
  getCountry,
  listBlocs,
  listCountries,
  listCurrencies,
  referenceCounts,
  today,
} from './service.js';
