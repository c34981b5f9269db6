// stopword 3 ships no types (@types/stopword describes version 2's names). Only what we import.
declare module 'stopword' {
  /** The classic English stop word list (function words only). */
  export const eng: readonly string[]
}
