/** The per-language bundles built by localeBundlePlugin.ts (`<lng>/<part>`): namespace -> strings. */
declare module 'virtual:samskap-locale/*' {
  const bundle: Record<string, import('./languages').Strings>
  export default bundle
}
