/**
 * What every join-code field shares: typed off a projector on a phone keyboard, so capitals, no
 * autocorrect or suggestions, and the keyboard's Enter reads "go".
 */
export const joinCodeInputProps = {
  placeholder: 'ABC 234',
  inputMode: 'text',
  autoCapitalize: 'characters',
  autoCorrect: 'off',
  autoComplete: 'off',
  spellCheck: false,
  enterKeyHint: 'go',
  maxLength: 16,
} as const
