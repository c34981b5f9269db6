import cloud from 'd3-cloud'
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { wordFrequencies, type WordCount } from '../../../shared/logic/noteWords'
import { seededRandom } from '../../../shared/logic/seededRandom'
import { formatNumber } from '../i18n/format'
import { useLanguageTools } from './useLanguageTools'
import type { StageItem } from './useStageItems'

/** Dark inks with contrast ≥ 4.5:1 on white, so every word is readable, however small. */
const inks = ['#1f6f5c', '#1a5fb4', '#813d9c', '#b0480b', '#1d2320', '#26734d', '#c01c28']
/** A cloud of more words than this is noise on a projector. */
const MAX_WORDS = 60

interface Placed {
  text: string
  size: number
  x: number
  y: number
  ink: string
}


/**
 * The word cloud: the words of the notes by how many notes use them (stop words out, inflected
 * forms together: shared/logic/noteWords.ts, in the workshop's language), laid out by d3-cloud,
 * horizontal only so nothing is read sideways. The smallest word is ≥ 24 px at 1920×1080. For
 * screen readers the same words are a list with their counts.
 */
export function WordCloudView({ items, language }: { items: readonly StageItem[]; language: string }) {
  const { t } = useTranslation('presentation')
  const { tools, failed } = useLanguageTools(language)
  const box = useRef<HTMLDivElement>(null)
  const [size, setSize] = useState<{ w: number; h: number } | null>(null)
  const [placed, setPlaced] = useState<{ key: string; words: Placed[] } | null>(null)
  const words = useMemo(() => (tools ? wordFrequencies(items.map((item) => item.text), tools, MAX_WORDS) : []), [items, tools])
  const key = `${size?.w}x${size?.h}:${words.map((w) => `${w.word}=${w.notes}`).join(',')}`

  useLayoutEffect(() => {
    const element = box.current
    if (!element) return
    const measure = () => {
      const next = { w: Math.floor(element.clientWidth), h: Math.floor(element.clientHeight) }
      setSize((current) => (current && current.w === next.w && current.h === next.h ? current : next))
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  useEffect(() => {
    if (!size || size.w < 50 || size.h < 50 || words.length === 0) return
    const layout = cloudLayout(words, size, (result) => setPlaced({ key, words: result }))
    return () => {
      layout.stop()
    }
  }, [words, size, key])

  const shown = placed?.key === key ? placed.words : null
  return (
    <div className="pres-cloud" data-testid="presentation-cloud">
      <div ref={box} className="pres-cloud__box">
        {failed ? (
          <p className="pres-empty">{t('cloud.failed')}</p>
        ) : tools && words.length === 0 ? (
          <p className="pres-empty" data-testid="presentation-cloud-empty">
            {t('cloud.none')}
          </p>
        ) : (
          shown &&
          size && (
            <svg className="pres-cloud__svg" viewBox={`${-size.w / 2} ${-size.h / 2} ${size.w} ${size.h}`} width={size.w} height={size.h} aria-hidden="true">
              {shown.map((word, index) => (
                <text
                  key={word.text}
                  className="pres-cloud__word"
                  textAnchor="middle"
                  transform={`translate(${word.x},${word.y})`}
                  style={{ fontSize: `${word.size}px`, fill: word.ink, animationDelay: `${Math.min(index, 30) * 30}ms` }}
                  data-testid="presentation-cloud-word"
                >
                  {word.text}
                </text>
              ))}
            </svg>
          )
        )}
      </div>
      {words.length > 0 && (
        <ol className="visually-hidden" aria-label={t('cloud.listLabel')}>
          {words.map((word) => (
            <li key={word.stem}>{t('cloud.word', { word: word.word, notes: t('cloud.notes', { count: word.notes, formatted: formatNumber(word.notes) }) })}</li>
          ))}
        </ol>
      )}
    </div>
  )
}

/** Sizes by the square root of the count (area grows with it), between ≥ 24 px and a fifth of the height. */
function cloudLayout(words: readonly WordCount[], size: { w: number; h: number }, done: (placed: Placed[]) => void) {
  const most = words[0]!.notes
  const least = words[words.length - 1]!.notes
  const min = Math.max(24, size.w * 0.016)
  const max = Math.max(min, Math.min(size.h * 0.2, size.w * 0.09))
  const scale = (n: number) => (most === least ? (min + max) / 2 : min + (max - min) * Math.sqrt((n - least) / (most - least)))
  const seed = [...words.map((w) => w.word).join(' ')].reduce((h, c) => Math.imul(h ^ c.codePointAt(0)!, 16777619), 2166136261)
  const inkOf = new Map(words.map((w, i) => [w.word, inks[i % inks.length]!]))
  const font = getComputedStyle(document.body).fontFamily || 'sans-serif'
  const layout = cloud<{ text: string; size: number; x?: number; y?: number }>()
    .size([size.w, size.h])
    .words(words.map((w) => ({ text: w.word, size: Math.round(scale(w.notes)) })))
    .padding(Math.max(4, size.w * 0.004))
    .rotate(0)
    .font(font)
    .fontWeight(700)
    .fontSize((d) => d.size)
    .random(seededRandom(seed >>> 0 || 1))
    .on('end', (result) => done(result.map((d) => ({ text: d.text ?? '', size: d.size ?? min, x: d.x ?? 0, y: d.y ?? 0, ink: inkOf.get(d.text ?? '') ?? inks[0]! }))))
  layout.start()
  return layout
}
