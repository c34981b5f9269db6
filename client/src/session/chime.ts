/**
 * The end-of-timer chime: two soft sine notes (a rising fourth) with a quick fade in and a long
 * fade out, synthesised with WebAudio (no sound file to download). Quiet on purpose: it marks the
 * end on the projector's speakers, it does not interrupt anyone mid-sentence.
 */
type AudioContextClass = typeof AudioContext

let context: AudioContext | null = null

function audioContext(): AudioContext | null {
  if (context) return context
  const Ctor: AudioContextClass | undefined =
    typeof window === 'undefined' ? undefined : (window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext)
  if (!Ctor) return null
  try {
    context = new Ctor()
  } catch {
    return null
  }
  return context
}

/**
 * Browsers let a page make sound only after the person interacted with it. Called on the
 * facilitator's first click or key press, so the chime can play minutes later when time runs out.
 */
export function unlockChime(): void {
  const ctx = audioContext()
  if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => undefined)
}

const VOLUME = 0.12

export function playChime(): void {
  const ctx = audioContext()
  if (!ctx) return
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined)
  const start = ctx.currentTime + 0.02
  tone(ctx, 659.25, start, 0.7) // E5
  tone(ctx, 880, start + 0.28, 1.1) // A5
}

function tone(ctx: AudioContext, frequency: number, at: number, seconds: number): void {
  const oscillator = ctx.createOscillator()
  const gain = ctx.createGain()
  oscillator.type = 'sine'
  oscillator.frequency.value = frequency
  gain.gain.setValueAtTime(0.0001, at)
  gain.gain.exponentialRampToValueAtTime(VOLUME, at + 0.03)
  gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds)
  oscillator.connect(gain).connect(ctx.destination)
  oscillator.start(at)
  oscillator.stop(at + seconds + 0.05)
}

const MUTE_KEY = 'samskap.chimeMuted'

export function loadChimeMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1'
  } catch {
    return false
  }
}

export function saveChimeMuted(muted: boolean): void {
  try {
    if (muted) localStorage.setItem(MUTE_KEY, '1')
    else localStorage.removeItem(MUTE_KEY)
  } catch {
    // no storage: the choice lasts until reload
  }
}
