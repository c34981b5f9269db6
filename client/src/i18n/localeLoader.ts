import type { LocaleLoader } from './i18n'

/**
 * Each language's two parts (the phone's and all) are chunks of their own (see localeBundlePlugin.ts), written out one
 * by one so the bundler sees every import. The service worker precaches them all, so switching
 * language works offline too.
 */
const bundles = {
  nb: { core: () => import('virtual:samskap-locale/nb/core'), full: () => import('virtual:samskap-locale/nb/full') },
  nn: { core: () => import('virtual:samskap-locale/nn/core'), full: () => import('virtual:samskap-locale/nn/full') },
  da: { core: () => import('virtual:samskap-locale/da/core'), full: () => import('virtual:samskap-locale/da/full') },
  sv: { core: () => import('virtual:samskap-locale/sv/core'), full: () => import('virtual:samskap-locale/sv/full') },
  en: { core: () => import('virtual:samskap-locale/en/core'), full: () => import('virtual:samskap-locale/en/full') },
}

export const loadLocaleBundle: LocaleLoader = async (language, part) => (await bundles[language][part]()).default
