import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { stakeholderHref } from '../../../../shared/followup/stakeholderRegister'
import type { StakeholderOrigin } from '../../../../shared/schema/records/stakeholder'
import { signedIn, useSession } from '../../staff/sessionClient'
import { fetchStakeholderOrigin } from './stakeholderRegisterApi'

/**
 * "Taken over from <workshop>" in a stakeholder's panel, linking to the stakeholder it came from
 * (its panel opens there, as the knowledge bank's links do). Only signed-in staff who may see that
 * workshop learn its title and get the link; everyone else reads "from an earlier workshop".
 */
export function TakenOverFrom({ origin }: { origin: StakeholderOrigin }) {
  const { t } = useTranslation('stakeholderMap')
  const staff = signedIn(useSession())
  const [found, setFound] = useState<{ title: string; href: string } | null>(null)
  useEffect(() => {
    if (!staff) return
    let live = true
    void fetchStakeholderOrigin(origin.workshopId).then((result) => {
      if (!live || !result.ok) return
      const workshop = result.value
      const record = workshop?.snapshot.items.find((i) => i.id === origin.stakeholderId)
      if (workshop) setFound({ title: workshop.title || t('takeOver.untitled'), href: stakeholderHref(workshop.workshopId, record?.boardId ?? workshop.snapshot.boards[0]?.id ?? '', origin.stakeholderId) })
    })
    return () => {
      live = false
    }
  }, [staff, origin.workshopId, origin.stakeholderId, t])

  return (
    <p className="sm-panel__origin" data-testid="stakeholder-origin">
      {found ? (
        <>
          {t('takeOver.from')} <a href={found.href}>{found.title}</a>
        </>
      ) : (
        t('takeOver.fromEarlier')
      )}
    </p>
  )
}
