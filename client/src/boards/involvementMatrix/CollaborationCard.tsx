import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DocumentPlan } from '../../../../shared/logic/plan'
import { planCollaborationField } from '../../../../shared/logic/involvement'
import {
  COLLABORATION_TEXT_MAX,
  collaborationFields,
  type CollaborationRecord,
} from '../../../../shared/schema/records/collaboration'
import type { WorkshopStore } from '../../store/WorkshopStore'
import { matchesMedia, REDUCED_MOTION } from '../../ui/useMediaQuery'

type Field = (typeof collaborationFields)[number]

interface CollaborationCardProps {
  store: WorkshopStore
  boardId: string
  stakeholderId: string
  /** null when the stakeholder was deleted from the map while the card was open. */
  stakeholderName: string | null
  collaboration: CollaborationRecord | undefined
  commit(plan: DocumentPlan): void
  onClose(): void
  /** Observers and a locked board: the definition is read, not written (text areas stay focusable to read). */
  readOnly: boolean
}

/**
 * The samarbeidsdefinisjon for one stakeholder: the six things the source texts say a chosen
 * collaboration must define. Nothing is written until someone types; each field is saved when it
 * loses focus, so two people can fill in different fields at once.
 */
export function CollaborationCard({ store, boardId, stakeholderId, stakeholderName, collaboration, commit, onClose, readOnly }: CollaborationCardProps) {
  const { t } = useTranslation('matrix')
  const headingId = useId()
  const confirmId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [confirming, setConfirming] = useState(false)

  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true })
    // Beside the table (wide screens) it is already in view; under it (phones) bring its top up.
    headingRef.current?.scrollIntoView({
      block: matchesMedia('(max-width: 900px)') ? 'start' : 'nearest',
      behavior: matchesMedia(REDUCED_MOTION) ? 'auto' : 'smooth',
    })
  }, [])

  const save = (field: Field, value: string) => {
    if (readOnly) return
    const plan = planCollaborationField({ collaboration, boardId, stakeholderId, field, value, newId: () => store.newId(), now: Date.now() })
    if (plan) commit(plan)
  }

  const remove = () => {
    if (collaboration) commit({ deleteItems: [collaboration.id] })
    setConfirming(false)
  }

  return (
    <aside
      className="matrix-card"
      aria-labelledby={headingId}
      data-testid="collaboration-card"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !confirming) {
          e.stopPropagation()
          onClose()
        }
      }}
    >
      <header className="matrix-card__header">
        <div>
          <h2 className="matrix-card__heading" id={headingId} ref={headingRef} tabIndex={-1}>
            {t('definition.heading')}
          </h2>
          <p className="matrix-card__with">{stakeholderName === null ? t('definition.stakeholderGone') : t('definition.with', { name: stakeholderName })}</p>
        </div>
        <button type="button" className="button button--quiet matrix-card__close" onClick={onClose}>
          {t('definition.close')}
        </button>
      </header>
      <p className="matrix-card__intro">{collaboration ? t('definition.intro') : t('definition.notSaved')}</p>
      {collaborationFields.map((field) => (
        <CollaborationField key={field} field={field} label={t(`definition.fields.${field}`)} value={collaboration?.[field] ?? ''} readOnly={readOnly} onSave={(v) => save(field, v)} />
      ))}
      {collaboration && !readOnly && (
        <div className="matrix-card__danger">
          {confirming ? (
            <div role="group" aria-labelledby={confirmId} className="matrix-card__confirm">
              <p id={confirmId}>{t('definition.confirmDelete', { name: stakeholderName ?? '' })}</p>
              <div className="matrix-card__confirm-buttons">
                <button type="button" className="button button--danger" onClick={remove} data-testid="collaboration-delete-confirm">
                  {t('definition.confirm')}
                </button>
                <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
                  {t('definition.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <button type="button" className="button matrix-card__delete" onClick={() => setConfirming(true)}>
              {t('definition.delete')}
            </button>
          )}
        </div>
      )}
    </aside>
  )
}

/**
 * One labelled text area. While it has focus it keeps its own draft; otherwise it shows what is in
 * the document, so another person's text appears as soon as it arrives.
 */
function CollaborationField({ field, label, value, readOnly, onSave }: { field: Field; label: string; value: string; readOnly: boolean; onSave(value: string): void }) {
  const id = useId()
  const [draft, setDraft] = useState<string | null>(null)
  return (
    <div className="matrix-card__field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={field}
        rows={3}
        readOnly={readOnly}
        maxLength={COLLABORATION_TEXT_MAX}
        value={draft ?? value}
        onFocus={() => setDraft(value)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={(e) => {
          setDraft(null)
          onSave(e.target.value)
        }}
        data-testid={`collaboration-${field}`}
      />
    </div>
  )
}
